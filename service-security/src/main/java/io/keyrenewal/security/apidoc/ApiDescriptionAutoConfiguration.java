package io.keyrenewal.security.apidoc;

import io.keyrenewal.security.SecuritySettings;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the services' API descriptions share: how callers authenticate (the scheme the service really accepts), the
 * roles each endpoint needs (read from the service's security filter chain), the problem details and the examples
 * the endpoints declare ({@link Refusal}, {@link ApiExample}).
 */
@AutoConfiguration(after = io.keyrenewal.security.ApiSecurityAutoConfiguration.class)
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDescriptionAutoConfiguration {

    static final String PROBLEM_SCHEMA = "ProblemDetail";
    static final String SECURITY_ERROR_SCHEMA = "SecurityError";

    /** The examples, media types and refusals each endpoint declares. */
    @Bean
    public OperationCustomizer declaredExamplesAndRefusals(Environment environment) {
        return (operation, handler) -> {
            operation.getResponses().values().forEach(ApiDescriptionAutoConfiguration::negotiatedIsJson);
            ApiExample example = handler.getMethodAnnotation(ApiExample.class);
            if (example != null) {
                applyExample(operation, example);
            }
            for (Refusal refusal : AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                    Refusal.class)) {
                addRefusal(operation.getResponses(), refusal.status(),
                        environment.resolvePlaceholders(refusal.title()),
                        environment.resolvePlaceholders(refusal.detail()));
            }
            return operation;
        };
    }

    /** The title, the security scheme, the shared schemas and, per endpoint, the roles that may call it. */
    @Bean
    public OpenApiCustomizer securityAndSharedSchemas(SecuritySettings settings,
                                                      @Value("${spring.application.name:keyrenewal}") String service,
                                                      ObjectProvider<WebInvocationPrivilegeEvaluator> evaluator,
                                                      ObjectProvider<ApiRoles> roles) {
        return openApi -> {
            String version = ApiDescriptionAutoConfiguration.class.getPackage().getImplementationVersion();
            openApi.info(new Info().title(service).version(version == null ? "development" : version)
                    .description("The REST API of keyrenewal's " + service + ". Refusals are RFC 9457 problem details"
                            + " (application/problem+json); each secured endpoint names the roles that may call it."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components);
            components.addSchemas(PROBLEM_SCHEMA, problemSchema());
            components.addSchemas(SECURITY_ERROR_SCHEMA, securityErrorSchema());
            SecuredBy scheme = SecuredBy.of(settings);
            components.addSecuritySchemes(scheme.name(), scheme.scheme());
            WebInvocationPrivilegeEvaluator rules = evaluator.getIfAvailable();
            if (rules != null && openApi.getPaths() != null) {
                ApiRoles known = roles.getIfAvailable(() -> new ApiRoles(List.of()));
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                        describeAccess(operation, rules, path.replaceAll("\\{[^}]+}", "x"), method.name(), known,
                                scheme)));
            }
        };
    }

    private static void describeAccess(Operation operation, WebInvocationPrivilegeEvaluator rules, String uri,
                                       String method, ApiRoles known, SecuredBy scheme) {
        Authentication anonymous = new AnonymousAuthenticationToken("api-description", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        if (rules.isAllowed("", uri, method, anonymous)) {
            return;
        }
        List<String> allowed = known.names().stream().filter(role -> rules.isAllowed("", uri, method,
                UsernamePasswordAuthenticationToken.authenticated("api-description", null,
                        AuthorityUtils.createAuthorityList("ROLE_" + role)))).toList();
        operation.addSecurityItem(new SecurityRequirement().addList(scheme.name(), allowed));
        String roles = "Roles: " + (allowed.isEmpty() ? "none (denied to every caller)" : String.join(", ", allowed))
                + ".";
        operation.description(operation.getDescription() == null ? roles : operation.getDescription() + "\n\n"
                + roles);
        ApiResponses responses = operation.getResponses();
        if (!responses.containsKey("401")) {
            responses.addApiResponse("401", scheme.refusal("No credentials, or wrong ones"));
        }
        if (!responses.containsKey("403")) {
            responses.addApiResponse("403", scheme.refusal("The caller has none of the roles " + allowed));
        }
    }

    /** How the service authenticates: local users over HTTP Basic, or bearer JWTs of the identity provider. */
    private record SecuredBy(String name, SecurityScheme scheme, boolean withBody) {

        static SecuredBy of(SecuritySettings settings) {
            if (settings.mode() == SecuritySettings.Mode.LOCAL) {
                return new SecuredBy("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("The service's local users (local profile), HTTP Basic; each user has roles."),
                        true);
            }
            return new SecuredBy("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("A JWT of the tenant's identity provider (OAuth2 resource"
                            + " server): the caller's roles in its '" + settings.rolesClaim() + "' claim, a"
                            + " partner's id in '" + settings.partnerIdClaim() + "'."), false);
        }

        /** 401 and 403 come from the security filters: Spring Boot's error body for Basic, none for a bearer. */
        ApiResponse refusal(String description) {
            ApiResponse response = new ApiResponse().description(description);
            if (withBody) {
                response.content(new Content().addMediaType("application/json", new MediaType()
                        .schema(new Schema<>().$ref(SECURITY_ERROR_SCHEMA))));
            } else {
                response.addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema())
                        .description("RFC 6750: why the token was not accepted"));
            }
            return response;
        }
    }

    /** springdoc shows {@code *}{@code /*} for an endpoint that names no media type: the services answer JSON. */
    private static void negotiatedIsJson(ApiResponse response) {
        if (response.getContent() != null && response.getContent().containsKey("*/*")) {
            response.getContent().addMediaType("application/json", response.getContent().remove("*/*"));
        }
    }

    private static void applyExample(Operation operation, ApiExample example) {
        ApiResponses responses = operation.getResponses();
        ApiResponse success = responses.remove("200");
        if (success == null) {
            success = new ApiResponse().description(HttpStatus.valueOf(example.status()).getReasonPhrase());
        }
        if (success.getDescription() == null || success.getDescription().equals("OK")) {
            success.description(HttpStatus.valueOf(example.status()).getReasonPhrase());
        }
        if (example.response().isEmpty()) {
            success.content(null);
        } else {
            success.content(withExample(success.getContent(), example.mediaType(), example.response()));
        }
        ApiResponses reordered = new ApiResponses();
        reordered.addApiResponse(String.valueOf(example.status()), success);
        responses.forEach(reordered::addApiResponse);
        operation.responses(reordered);
        if (!example.request().isEmpty()) {
            RequestBody body = operation.getRequestBody() == null ? new RequestBody() : operation.getRequestBody();
            operation.requestBody(body.content(withExample(body.getContent(), example.requestMediaType(),
                    example.request())));
        }
    }

    /** The content with the example on each media type; a declared media type replaces the inferred ones. */
    private static Content withExample(Content content, String declaredType, String example) {
        Content result = content == null ? new Content() : content;
        if (!declaredType.isEmpty()) {
            // text (PEM, JSON Lines, server-sent events, HTML) is a string, whatever Java type writes it
            Schema<?> schema = !isJson(declaredType) ? new StringSchema() : result.values().stream()
                    .map(MediaType::getSchema).filter(s -> s != null).findFirst().orElseGet(ObjectSchema::new);
            result = new Content().addMediaType(declaredType, new MediaType().schema(schema));
        }
        if (result.isEmpty()) {
            result.addMediaType("application/json", new MediaType().schema(new ObjectSchema()));
        }
        result.forEach((type, media) -> media.setExample(exampleValue(type, example)));
        return result;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static Object exampleValue(String mediaType, String example) {
        if (!isJson(mediaType)) {
            return example;
        }
        try {
            return Json.mapper().readTree(example);
        } catch (IOException e) {
            throw new UncheckedIOException("an @ApiExample is not valid JSON: " + example, e);
        }
    }

    private static void addRefusal(ApiResponses responses, int refusalStatus, String title, String detail) {
        String status = String.valueOf(refusalStatus);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", refusalStatus);
        problem.put("detail", detail);
        Example example = new Example().summary(title).value(problem);
        ApiResponse response = responses.get(status);
        MediaType media = response == null || response.getContent() == null ? null
                : response.getContent().get(ApiDescription.PROBLEM_JSON);
        if (media == null) {
            media = new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA));
            responses.addApiResponse(status, new ApiResponse().description(title)
                    .content(new Content().addMediaType(ApiDescription.PROBLEM_JSON, media)));
        } else if (!Set.of(response.getDescription().split(" / ")).contains(title)) {
            response.description(response.getDescription() + " / " + title);
        }
        media.addExamples(title, example);
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details (Spring's ProblemDetail). Further members"
                        + " may follow, e.g. renewal-service's 'errors' of an invalid request: one {field, message}"
                        + " per field.")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().description("what kind of refusal"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("the reason, for a person to act on"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("the request's path"))
                .additionalProperties(true);
    }

    private static Schema<?> securityErrorSchema() {
        return new ObjectSchema().description("Spring Boot's error body, not a problem detail: the security filters"
                        + " answer before any endpoint is reached.")
                .addProperty("timestamp", new StringSchema().format("date-time"))
                .addProperty("status", new IntegerSchema())
                .addProperty("error", new StringSchema().example("Unauthorized"))
                .addProperty("path", new StringSchema());
    }
}
