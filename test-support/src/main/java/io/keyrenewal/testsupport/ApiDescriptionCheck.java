package io.keyrenewal.testsupport;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether a running service documents every endpoint it has in its OpenAPI description ({@code /v3/api-docs}, read
 * without credentials). An endpoint is documented when its operation has a summary; the roles that may call it; a
 * successful answer with a schema and an example for each media type (none for a redirect); its request body, if
 * any, with a schema and an example; every refusal as {@code application/problem+json} with the problem schema; and,
 * if it takes input (a path variable, a required parameter, a body), at least one such refusal. JSON examples may
 * only name properties their schema has.
 */
public final class ApiDescriptionCheck {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

    private final String baseUrl;
    private final HttpClient client = HttpClient.newHttpClient();
    private JsonNode document;

    public ApiDescriptionCheck(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The status of a GET without credentials, e.g. of the Swagger UI's page. */
    public int statusWithoutCredentials(String path) {
        return get(path).statusCode();
    }

    /** The description, read without credentials; fails unless it answers 200. */
    public JsonNode document() {
        if (document == null) {
            HttpResponse<String> response = get("/v3/api-docs");
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /v3/api-docs without credentials answered " + response.statusCode());
            }
            document = JsonMapper.builder().build().readTree(response.body());
        }
        return document;
    }

    /** The operation of an endpoint ({@code "GET /renewals"}), or a missing node. */
    public JsonNode operation(String endpoint) {
        String[] methodAndPath = endpoint.split(" ", 2);
        return document().path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
    }

    /** The roles an endpoint's description names, by security scheme. */
    public Set<String> roles(String endpoint) {
        return roles(operation(endpoint));
    }

    /**
     * Every endpoint of the application's handler mapping, as {@code "METHOD /path"}, except springdoc's own and
     * Spring Boot's error page.
     */
    public static Set<String> endpoints(RequestMappingHandlerMapping mappings) {
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            String handler = mapping.getValue().getBeanType().getName();
            if (handler.startsWith("org.springdoc.") || handler.startsWith("org.springframework.boot.")) {
                continue;
            }
            for (String path : mapping.getKey().getPatternValues()) {
                for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
                    endpoints.add(method + " " + path);
                }
            }
        }
        return endpoints;
    }

    /** Each endpoint that is not documented, with what is missing; empty if all are. */
    public List<String> undocumented(Set<String> endpoints) {
        Map<String, List<String>> offenders = new TreeMap<>();
        for (String endpoint : endpoints) {
            List<String> missing = new ArrayList<>();
            JsonNode operation = operation(endpoint);
            if (operation.isMissingNode()) {
                missing.add("no operation");
            } else {
                checkOperation(operation, missing);
            }
            if (!missing.isEmpty()) {
                offenders.put(endpoint, missing);
            }
        }
        List<String> result = new ArrayList<>();
        offenders.forEach((endpoint, missing) -> result.add(endpoint + ": " + String.join(", ", missing)));
        return result;
    }

    private void checkOperation(JsonNode operation, List<String> missing) {
        if (operation.path("summary").asString("").isBlank()) {
            missing.add("no summary");
        }
        if (roles(operation).isEmpty()) {
            missing.add("no roles in its security requirement");
        }
        boolean success = false;
        boolean problem = false;
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            int status = Integer.parseInt(response.getKey());
            JsonNode content = response.getValue().path("content");
            if (status < 300) {
                success = true;
                checkMedia("answer " + status, content, status != 204, missing);
            } else if (status >= 400 && status != 401 && status != 403 || content.has(PROBLEM_JSON)) {
                problem = true;
                if (content.size() != 1 || !PROBLEM_SCHEMA.equals(content.path(PROBLEM_JSON).path("schema")
                        .path("$ref").asString(""))) {
                    missing.add("refusal " + status + " is not " + PROBLEM_JSON + " with the problem schema");
                }
            } else if (status >= 300 && status < 400) {
                success = true;
            }
        }
        if (!success) {
            missing.add("no successful answer");
        }
        if (operation.has("requestBody")) {
            checkMedia("request body", operation.path("requestBody").path("content"), true, missing);
        }
        boolean takesInput = operation.has("requestBody");
        for (JsonNode parameter : operation.path("parameters")) {
            takesInput |= parameter.path("required").asBoolean(false);
        }
        if (takesInput && !problem) {
            missing.add("takes input but no " + PROBLEM_JSON + " refusal");
        }
    }

    private static Set<String> roles(JsonNode operation) {
        Set<String> roles = new TreeSet<>();
        operation.path("security").forEach(requirement -> requirement.properties()
                .forEach(scheme -> scheme.getValue().forEach(role -> roles.add(role.asString()))));
        return roles;
    }

    private void checkMedia(String what, JsonNode content, boolean required, List<String> missing) {
        if (content.isEmpty()) {
            if (required) {
                missing.add(what + " has no content");
            }
            return;
        }
        for (Map.Entry<String, JsonNode> media : content.properties()) {
            JsonNode schema = media.getValue().path("schema");
            if (schema.isEmpty()) {
                missing.add(what + " (" + media.getKey() + ") has no schema");
            }
            if (!media.getValue().has("example") && media.getValue().path("examples").isEmpty()) {
                missing.add(what + " (" + media.getKey() + ") has no example");
            } else if (media.getValue().has("example")) {
                unknownProperties(media.getValue().path("example"), schema).forEach(property -> missing.add(what + " (" + media.getKey()
                        + ") example names " + property + ", which its schema does not have"));
            }
        }
    }

    /** The example's top-level members (of its first item, for an array) that its schema does not name. */
    private List<String> unknownProperties(JsonNode example, JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (example.isArray() && resolved.has("items")) {
            return example.isEmpty() ? List.of() : unknownProperties(example.path(0), resolved.path("items"));
        }
        if (!example.isObject() || !resolved.has("properties")) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        for (String name : example.propertyNames()) {
            if (!resolved.path("properties").has(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (!ref.startsWith("#/components/schemas/")) {
            return schema;
        }
        return document().path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
    }

    private HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
