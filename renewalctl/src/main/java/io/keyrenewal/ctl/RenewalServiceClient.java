package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON over HTTP to renewal-service (or, for the preview of a dry run's messages, notification-service); a refusal
 * becomes a {@link Refused} carrying the problem detail's reason.
 */
final class RenewalServiceClient {

    static final String TOTAL_COUNT = "X-Total-Count";
    /** One link of a Link header: the target between angle brackets, then its parameters up to the next link. */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");
    private static final Pattern NEXT = Pattern.compile("rel\\s*=\\s*\"?next\"?");
    private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String authorization;
    private final String service;

    /** @param authorization the value of the Authorization header (Basic or Bearer) */
    RenewalServiceClient(URI baseUrl, String authorization) {
        this(baseUrl, authorization, "renewal-service");
    }

    /** @param service the service's name, as the reasons name it */
    RenewalServiceClient(URI baseUrl, String authorization, String service) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.service = service;
    }

    /** The service answered with an error status; {@code getMessage()} is its reason. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String reason) {
            super(reason);
            this.status = status;
        }
    }

    JsonNode get(String path) {
        return json(send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * One page of a paged listing: the body is the page's items (a JSON array), {@code X-Total-Count} says how many
     * match on all pages and {@code Link} (RFC 8288) names the next page, as keystore-service's
     * {@code GET /keystore/entries} and renewal-service's {@code GET /aliases} answer.
     */
    Page getPage(String path) {
        HttpResponse<InputStream> response = send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        JsonNode items = json(response);
        long total = response.headers().firstValue(TOTAL_COUNT).map(Long::parseLong).orElse((long) items.size());
        return new Page(items, total, nextPage(response.headers().allValues("Link")));
    }

    /** @param nextPage the {@code page} of the {@code rel="next"} link, or empty on the last page */
    record Page(JsonNode items, long total, OptionalInt nextPage) {
    }

    /** The {@code page} parameter of the link whose relation is {@code next}. */
    static OptionalInt nextPage(List<String> linkHeaders) {
        for (String header : linkHeaders) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                if (NEXT.matcher(link.group(2)).find()) {
                    Matcher page = PAGE.matcher(link.group(1));
                    if (page.find()) {
                        return OptionalInt.of(Integer.parseInt(page.group(1)));
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    JsonNode post(String path, String body) {
        return post(path, body, Map.of());
    }

    JsonNode post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return json(send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    JsonNode put(String path, String body) {
        return json(send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    JsonNode delete(String path) {
        return json(send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The response body as it arrives, for streams (the history export). */
    InputStream stream(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).header("Authorization", authorization);
    }

    private HttpResponse<InputStream> send(HttpRequest request, HttpResponse.BodyHandler<InputStream> handler) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, handler);
        } catch (IOException e) {
            throw new Refused(0, "cannot reach " + service + " at " + baseUrl + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(0, "interrupted");
        }
        if (response.statusCode() == 401) {
            throw new Refused(401, "not logged in: check --user and --password (or --token)");
        }
        if (response.statusCode() >= 400) {
            JsonNode problem = json(response);
            String reason = problem.hasNonNull("detail") ? problem.get("detail").asText()
                    : response.statusCode() == 403 ? "your user's role may not do this" : problem.toString();
            throw new Refused(response.statusCode(), reason);
        }
        return response;
    }

    private JsonNode json(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? ContractJson.mapper().createObjectNode() : ContractJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new Refused(response.statusCode(), service + " answered something that is not JSON");
        }
    }
}
