package io.keyrenewal.security.apidoc;

/**
 * Where a service describes its REST API (OpenAPI 3, springdoc): the description and its Swagger UI. They name the
 * endpoints, their schemas, examples and roles, and hold no data, so every service serves them without credentials
 * (an operator and a partner's developer read them); nothing else opens with them.
 */
public final class ApiDescription {

    /** The paths of the description (JSON, YAML, the UI's configuration) and of the Swagger UI. */
    public static final String[] PATHS = {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**"};

    /** RFC 9457 problem details, the media type of every refusal an endpoint gives. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private ApiDescription() {
    }
}
