package io.keyrenewal.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.localstack.RenewalServiceApi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON over HTTP to one service; each call states the status it expects. Logged in as the local profile's
 * {@code operator} (tenant administrator and auditor of renewal-service).
 */
final class ServiceApi {

    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString(
            (RenewalServiceApi.LOCAL_USER + ":" + RenewalServiceApi.LOCAL_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI baseUrl;

    ServiceApi(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode get(String path) throws Exception {
        return send(request(path).GET().build(), 200);
    }

    JsonNode post(String path, String json, int expectedStatus) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), expectedStatus);
    }

    /** The service's own time (its clock is movable in the local stack). */
    Instant now() throws Exception {
        return Instant.parse(post("/admin/clock/advance", "{\"duration\":\"PT0S\"}", 200).get("now").asText());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).header("Authorization", OPERATOR);
    }

    private JsonNode send(HttpRequest request, int expectedStatus) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s answered %s", request.method(), request.uri(), response.body())
                .isEqualTo(expectedStatus);
        return ContractJson.mapper().readTree(response.body());
    }
}
