package io.keyrenewal.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON over HTTP to one service; each call states the status it expects. */
final class ServiceApi {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI baseUrl;

    ServiceApi(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).GET().build(), 200);
    }

    JsonNode post(String path, String json, int expectedStatus) throws Exception {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), expectedStatus);
    }

    private JsonNode send(HttpRequest request, int expectedStatus) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s answered %s", request.method(), request.uri(), response.body())
                .isEqualTo(expectedStatus);
        return ContractJson.mapper().readTree(response.body());
    }
}
