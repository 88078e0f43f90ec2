package io.keyrenewal.renewal.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A JSON-over-HTTP client for tests, on the JDK's HttpClient, logged in with HTTP Basic as one of the local
 * profile's users (application-local.yml): {@code operator} (tenant administrator and auditor) unless told.
 */
public final class Http {

    /** The local profile's users and their documented passwords. */
    public static final Map<String, String> LOCAL_PASSWORDS = Map.of(
            "tenant-admin", "tenant-admin-local",
            "auditor", "auditor-local",
            "operator", "operator-local",
            "acme", "acme-local");

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String authorization;

    public Http(String baseUrl) {
        this(baseUrl, basic("operator", LOCAL_PASSWORDS.get("operator")));
    }

    private Http(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** The same server, as another local user. */
    public Http as(String user) {
        return new Http(baseUrl, basic(user, LOCAL_PASSWORDS.get(user)));
    }

    /** The same server, with this password (right or wrong). */
    public Http as(String user, String password) {
        return new Http(baseUrl, basic(user, password));
    }

    /** The same server, without credentials. */
    public Http anonymous() {
        return new Http(baseUrl, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, Map.of());
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /** The Authorization header value of a local user, for clients other than this one (streams, sockets). */
    public static String authorization(String user) {
        return basic(user, LOCAL_PASSWORDS.get(user));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The response's body as JSON; an {@link AssertionError} showing it if it is none. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
