package io.keyrenewal.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.RenewalId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The service's HTTP API as the tests call it: as the test's auditor, or without credentials. */
final class NotificationApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    NotificationApi(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", NotificationServiceContext.AUDITOR));
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", NotificationServiceContext.AUDITOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getWithoutCredentials(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)));
    }

    /** GET /notifications of one renewal: its rows in the delivery log. */
    JsonNode deliveryLog(RenewalId renewal) throws IOException, InterruptedException {
        return ContractJson.mapper().readTree(get("/notifications?renewalId=" + renewal).body());
    }

    /** GET /notifications about one alias: the rows of the expiry watch's messages about it. */
    JsonNode deliveryLogOfAlias(String alias) throws IOException, InterruptedException {
        return ContractJson.mapper().readTree(get("/notifications?alias=" + alias).body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
