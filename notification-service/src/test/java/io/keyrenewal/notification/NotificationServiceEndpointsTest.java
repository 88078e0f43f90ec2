package io.keyrenewal.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.testsupport.ApiDescriptionCheck;
import io.keyrenewal.testsupport.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The HTTP API, the metrics and the health probes, and who may call which. */
class NotificationServiceEndpointsTest extends NotificationServiceContext {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theApiDescriptionDocumentsEveryEndpointAndIsReadWithoutCredentials() {
        ApiDescriptionCheck description = new ApiDescriptionCheck("http://127.0.0.1:" + port);

        assertThat(description.undocumented(ApiDescriptionCheck.endpoints(mappings))).isEmpty();
        assertThat(description.roles("GET /notifications")).containsExactly("AUDITOR", "TENANT_ADMIN");
        assertThat(description.roles("POST /notifications/preview")).containsExactly("AUDITOR", "TENANT_ADMIN");
        assertThat(description.statusWithoutCredentials("/swagger-ui/index.html")).isEqualTo(200);
        assertThat(description.statusWithoutCredentials("/notifications?renewalId=x")).as("nothing else opens")
                .isEqualTo(401);
    }

    @Test
    void theDeliveryLogIsReadOnlyWithARole() throws Exception {
        HttpResponse<String> anonymous = api.getWithoutCredentials("/notifications?renewalId=r-1");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(api.get("/notifications?renewalId=r-1").statusCode()).isEqualTo(200);
    }

    @Test
    void theMetricsAreScrapedWithARole() throws Exception {
        HttpResponse<String> anonymous = api.getWithoutCredentials("/actuator/prometheus");
        HttpResponse<String> metrics = api.get("/actuator/prometheus");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void countsDeliveriesByChannelKindAndOutcome() {
        publish.event("started-" + renewalId, started());
        publish.event("provided-" + renewalId, provided());
        awaitNotification(withHeader(MessageHeaders.ID, "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"));

        await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.parse(api.get("/actuator/prometheus").body());
            assertThat(scrape.sum("keyrenewal_notification_deliveries_total", Map.of("channel", "kafka",
                    "kind", "CERTIFICATE_PROVIDED", "outcome", "sent"))).isGreaterThanOrEqualTo(1);
            // read from the delivery log; every channel and status has a row, 0 where nothing waits
            assertThat(scrape.samples("keyrenewal_notification_deliveries_outstanding", Map.of("channel", "kafka",
                    "status", "parked"))).hasSize(1);
        });
    }

    @Test
    void refusesToListNotificationsWithoutARenewalOrAnAlias() throws Exception {
        HttpResponse<String> response = api.get("/notifications");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ContractJson.mapper().readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("renewalId", "alias");
    }

    @Test
    void reportsItselfHealthy() throws Exception {
        HttpResponse<String> response = api.get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ContractJson.mapper().readTree(response.body()).path("status").asText()).isEqualTo("UP");
        // the probes an orchestrator calls, without credentials; readiness includes the database
        for (String probe : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
            HttpResponse<String> anonymous = api.getWithoutCredentials(probe);
            assertThat(anonymous.statusCode()).as(probe).isEqualTo(200);
            assertThat(ContractJson.mapper().readTree(anonymous.body()).path("status").asText()).isEqualTo("UP");
        }
    }
}
