package io.keyrenewal.renewal.security;

import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.testsupport.ApiDescriptionCheck;
import io.keyrenewal.renewal.support.SharedServiceContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the REST API names its roles: the table below is the documentation, and the test finds every
 * endpoint the application really has (but the API description's own, open to all), so a new one without a row
 * fails here. Each is called without credentials (401), with wrong credentials (401) and as every user whose roles it
 * does not allow (403). The OpenAPI description, read without credentials, documents every endpoint and names these
 * roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointRolesTest extends SharedServiceContext {

    static final Set<Role> ADMIN = Set.of(Role.TENANT_ADMIN);
    static final Set<Role> READERS = Set.of(Role.TENANT_ADMIN, Role.AUDITOR);
    static final Set<Role> AUDITOR = Set.of(Role.AUDITOR);
    static final Set<Role> PARTNER = Set.of(Role.PARTNER);

    /** The roles each endpoint allows, as documented in docs/api.md ("Access"). */
    static final Map<String, Set<Role>> ROLES = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /renewals", ADMIN),
            Map.entry("POST /renewals/dry-run", ADMIN),
            Map.entry("GET /renewals", READERS),
            Map.entry("GET /renewals/{renewalId}", READERS),
            Map.entry("POST /renewals/{renewalId}/steps/{step}", ADMIN),
            Map.entry("POST /renewals/{renewalId}/downtime", ADMIN),
            Map.entry("POST /renewals/{renewalId}/drain-confirmation", ADMIN),
            Map.entry("POST /renewals/{renewalId}/exchange-approval", ADMIN),
            Map.entry("POST /renewals/{renewalId}/abort", ADMIN),
            Map.entry("POST /renewals/{renewalId}/rollback", ADMIN),
            Map.entry("POST /renewals/{renewalId}/old-key-pair-removal", ADMIN),
            Map.entry("POST /renewals/{renewalId}/keystore-retry", ADMIN),
            Map.entry("POST /renewals/{renewalId}/keystore-resolution", ADMIN),
            Map.entry("POST /partners", ADMIN),
            Map.entry("PUT /partners/{partnerId}", ADMIN),
            Map.entry("GET /partners", READERS),
            Map.entry("GET /playbooks", READERS),
            Map.entry("GET /partners/{partnerId}", READERS),
            Map.entry("PUT /policies/{scope}", ADMIN),
            Map.entry("DELETE /policies/{scope}", ADMIN),
            Map.entry("GET /policies", READERS),
            Map.entry("GET /policies/effective", READERS),
            Map.entry("GET /policies/{scope}", READERS),
            Map.entry("GET /aliases", READERS),
            Map.entry("GET /aliases/{alias}/renewal-plan", READERS),
            Map.entry("POST /admin/clock/advance", ADMIN),
            Map.entry("GET /admin/clock", READERS),
            Map.entry("POST /audit/rebuild", AUDITOR),
            Map.entry("GET /audit/rebuild", AUDITOR),
            Map.entry("GET /audit/export", AUDITOR),
            Map.entry("GET /audit/verification", AUDITOR),
            Map.entry("POST /audit/republish", AUDITOR),
            Map.entry("GET /audit/republish/{jobId}", AUDITOR),
            Map.entry("GET /audit/renewals/{renewalId}", AUDITOR),
            Map.entry("GET /audit/aliases/{alias}/active-certificate", AUDITOR),
            Map.entry("GET /audit/partners/{partnerId}/certificates", AUDITOR),
            Map.entry("GET /dashboard", READERS),
            Map.entry("GET /dashboard/", READERS),
            Map.entry("GET /dashboard/summary", READERS),
            Map.entry("GET /dashboard/stream", READERS),
            Map.entry("GET /partner-api/renewals", PARTNER),
            Map.entry("GET /partner-api/renewals/{renewalId}", PARTNER),
            Map.entry("POST /partner-api/renewals/{renewalId}/confirmations", PARTNER)));

    /** One local user per role. */
    static final Map<Role, String> USER_OF = Map.of(Role.TENANT_ADMIN, "tenant-admin", Role.AUDITOR, "auditor",
            Role.PARTNER, "acme");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final HttpClient client = HttpClient.newHttpClient();
    Http http;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void everyEndpointOfTheApplicationHasItsRolesDocumented() {
        assertThat(ApiDescriptionCheck.endpoints(mappings)).containsExactlyInAnyOrderElementsOf(ROLES.keySet());
    }

    @Test
    void theApiDescriptionDocumentsEveryEndpointAndIsReadWithoutCredentials() {
        ApiDescriptionCheck description = new ApiDescriptionCheck("http://127.0.0.1:" + port);

        assertThat(description.undocumented(ApiDescriptionCheck.endpoints(mappings))).isEmpty();
        assertThat(description.statusWithoutCredentials("/swagger-ui/index.html")).isEqualTo(200);
        assertThat(description.document().path("components").path("securitySchemes").path("basic")
                .path("scheme").asString()).isEqualTo("basic");
        Map<String, Set<String>> documented = new TreeMap<>();
        Map<String, Set<String>> enforced = new TreeMap<>();
        ROLES.forEach((endpoint, roles) -> {
            documented.put(endpoint, description.roles(endpoint));
            enforced.put(endpoint, roles.stream().map(Role::name).collect(Collectors.toCollection(TreeSet::new)));
        });
        assertThat(documented).as("the roles each endpoint's description names").isEqualTo(enforced);
        assertThat(description.operation("POST /admin/clock/advance").path("description").asString())
                .as("the shared clock endpoint, in this service's words (keyrenewal.clock.api.*)")
                .startsWith("Exists only with KEYRENEWAL_CLOCK_MOVABLE=true; deadlines that fall due run at once.");
        assertThat(description.operation("POST /admin/clock/advance").path("responses").path("400")
                .path("description").asString()).isEqualTo("Invalid request");
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordEveryEndpointAnswers401() {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : ROLES.keySet()) {
            int anonymous = call(endpoint, null);
            int badPassword = call(endpoint, http.as("tenant-admin", "not-the-password"));
            if (anonymous != 401 || badPassword != 401) {
                wrong.add(endpoint + ": " + anonymous + "/" + badPassword);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void withAnotherRoleEveryEndpointAnswers403() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<Role>> endpoint : ROLES.entrySet()) {
            for (Role role : Role.values()) {
                if (endpoint.getValue().contains(role)) {
                    continue;
                }
                int status = call(endpoint.getKey(), http.as(USER_OF.get(role)));
                if (status != 403) {
                    wrong.add(endpoint.getKey() + " as " + role + ": " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void withItsRoleAnEndpointIsReachedAndAnswersOnItsOwnTerms() {
        assertThat(http.as("auditor").get("/audit/verification").statusCode()).isEqualTo(200);
        assertThat(http.as("tenant-admin").get("/renewals").statusCode()).isEqualTo(200);
        assertThat(http.as("auditor").get("/renewals").statusCode()).isEqualTo(200);
        assertThat(http.as("acme").get("/partner-api/renewals").statusCode()).isEqualTo(200);
        // reached the controller: an unknown renewal, not a refusal of access
        assertThat(http.as("tenant-admin").post("/renewals/no-such-renewal/exchange-approval", "{}").statusCode())
                .isEqualTo(404);
        assertThat(http.anonymous().get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void theMetricsAreScrapedByTheTenantAdministratorOrTheAuditorOnly() {
        HttpResponse<String> metrics = http.as("auditor").get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections")
                .contains("http_server_requests_seconds").contains("kafka_consumer_");
        assertThat(http.as("tenant-admin").get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(http.anonymous().get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(http.as("acme").get("/actuator/prometheus").statusCode()).isEqualTo(403);
    }

    @Test
    void aBrowserWithoutASessionIsShownTheLoginForm() throws Exception {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/dashboard/")).header("Accept", "text/html,application/xhtml+xml").GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/login"));
    }

    /** Calls the endpoint with its path variables filled in and, for writes, an empty JSON body. */
    private int call(String endpoint, Http as) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x-1");
        if (as != null) {
            return switch (method) {
                case "GET" -> as.get(path).statusCode();
                case "PUT" -> as.put(path, "{}").statusCode();
                case "DELETE" -> as.delete(path).statusCode();
                default -> as.post(path, "{}").statusCode();
            };
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
