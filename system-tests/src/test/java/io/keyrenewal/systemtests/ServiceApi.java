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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON over HTTP to one service; each call states the status it expects. Keeps every response it received. Logged
 * in as the local profile's {@code operator} (tenant administrator and auditor of renewal-service).
 */
final class ServiceApi {

    private static final String OPERATOR = basic(RenewalServiceApi.LOCAL_USER, RenewalServiceApi.LOCAL_PASSWORD);

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI baseUrl;
    private final List<String> responses;
    private final String authorization;

    /** @param responses where every response (status, headers and body) is added as it arrives */
    ServiceApi(URI baseUrl, List<String> responses) {
        this(baseUrl, responses, OPERATOR);
    }

    private ServiceApi(URI baseUrl, List<String> responses, String authorization) {
        this.baseUrl = baseUrl;
        this.responses = responses;
        this.authorization = authorization;
    }

    /** The same service as another local user (e.g. keystore-service's {@code integration-flow}). */
    ServiceApi as(String user, String password) {
        return new ServiceApi(baseUrl, responses, basic(user, password));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode get(String path) throws Exception {
        return ContractJson.mapper().readTree(getText(path));
    }

    /** The body of a GET answered 200, as text (PEM, JSON Lines). */
    String getText(String path) throws Exception {
        return send(request(path).GET().build(), 200).body();
    }

    HttpResponse<String> getResponse(String path, int expectedStatus) throws Exception {
        return send(request(path).GET().build(), expectedStatus);
    }

    JsonNode post(String path, String json, int expectedStatus) throws Exception {
        return post(path, json, "application/json", expectedStatus);
    }

    JsonNode post(String path, String body, String contentType, int expectedStatus) throws Exception {
        return ContractJson.mapper().readTree(send(request(path)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                expectedStatus).body());
    }

    JsonNode put(String path, String json, int expectedStatus) throws Exception {
        return ContractJson.mapper().readTree(send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), expectedStatus).body());
    }

    /** The service's own time (its clock is movable in the local stack). */
    Instant now() throws Exception {
        return Instant.parse(post("/admin/clock/advance", "{\"duration\":\"PT0S\"}", 200).get("now").asText());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest request, int expectedStatus) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        responses.add(request.method() + " " + request.uri() + " " + response.statusCode() + " "
                + response.headers().map() + " " + response.body());
        assertThat(response.statusCode()).as("%s %s answered %s", request.method(), request.uri(), response.body())
                .isEqualTo(expectedStatus);
        return response;
    }
}
