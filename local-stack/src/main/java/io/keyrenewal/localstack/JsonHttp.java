package io.keyrenewal.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to a service of the stack; an unexpected answer is a {@link LocalStackFailure} naming it. Public for
 * the benchmark ({@code localstack.bench}); thread-safe.
 */
public final class JsonHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI baseUrl;
    private final String authorization;

    public JsonHttp(URI baseUrl) {
        this(baseUrl, null);
    }

    /** @param authorization the Authorization header of every request, or null for none */
    public JsonHttp(URI baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** The answer to a GET; fails unless the status is 200. */
    public JsonNode get(String path) {
        return bodyOf(getResponse(path), 200, "GET " + path);
    }

    /** The response to a GET; the caller checks the status (and may read its headers). */
    public HttpResponse<String> getResponse(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).GET(), "GET " + path);
    }

    /** The response to a POST of {@code body} as JSON; the caller checks the status. */
    public HttpResponse<String> post(String path, Object body) {
        return sendJson("POST", path, body);
    }

    /** The response to a PUT of {@code body} as JSON; the caller checks the status. */
    public HttpResponse<String> put(String path, Object body) {
        return sendJson("PUT", path, body);
    }

    /** The response to a DELETE; the caller checks the status. */
    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).DELETE(), "DELETE " + path);
    }

    private HttpResponse<String> sendJson(String method, String path, Object body) {
        String json;
        try {
            json = ContractJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the body of " + method + " " + path, e);
        }
        return send(HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)), method + " " + path);
    }

    /** The Authorization header of a local-profile user. */
    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public URI url(String path) {
        return baseUrl.resolve(path);
    }

    /** The JSON body if the status is {@code expectedStatus}. */
    public JsonNode bodyOf(HttpResponse<String> response, int expectedStatus, String call) {
        if (response.statusCode() != expectedStatus) {
            throw new LocalStackFailure(call + " on " + baseUrl + " answered " + response.statusCode()
                    + " (expected " + expectedStatus + "): " + response.body());
        }
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new LocalStackFailure(call + " on " + baseUrl + " answered no JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String call) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.timeout(TIMEOUT).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LocalStackFailure(call + " on " + baseUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackFailure("interrupted during " + call, e);
        }
    }
}
