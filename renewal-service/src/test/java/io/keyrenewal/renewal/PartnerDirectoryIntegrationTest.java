package io.keyrenewal.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.renewal.support.SharedServiceContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Partners registered over REST, published on the compacted directory topic, and choosing playbook 1 or 2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerDirectoryIntegrationTest extends SharedServiceContext {

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    Http http;
    TopicRecorder directory;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
        directory = new TopicRecorder(brokers, Topics.PARTNER_DIRECTORY);
    }

    @AfterAll
    void disconnect() {
        directory.close();
    }

    // partners of its own: others of the shared context register acme and globex with their keys
    @Test
    void registersAPartnerOnceChangesItAndPublishesEveryChangeWithoutSecrets() {
        HttpResponse<String> registered = http.post("/partners", partner("umbrella", true));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(http.post("/partners", partner("umbrella", true)).statusCode()).isEqualTo(409);

        HttpResponse<String> changed = http.put("/partners/umbrella", partner("umbrella", false));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(http.get("/partners/umbrella")).get("verifiesOldAndNewAtOnce").asBoolean()).isFalse();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(directory.withKey("umbrella"))
                .extracting(record -> ContractJson.read(record.value(), PartnerDirectoryEntry.class)
                        .verifiesOldAndNewAtOnce())
                .containsExactly(true, false));
        assertThat(directory.withKey("umbrella")).allSatisfy(record ->
                assertThat(record.value()).doesNotContainIgnoringCase("secret"));
        assertThat(http.get("/partners/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void thePartnersCapabilityChoosesPlaybook1Or2ForASigningKey() {
        http.post("/partners", partner("soylent", true));

        assertThat(playbookOf(start("soylent-signer", "soylent")))
                .isEqualTo("TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH");
        assertThat(playbookOf(start("initech-signer", "initech"))).as("seeded from the file, verifies one key")
                .isEqualTo("TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME");

        HttpResponse<String> unknown = http.post("/renewals", """
                {"alias":"hooli-signer","partnerId":"hooli","guaranteedDeliveryTime":"P1D",
                 "purpose":"SIGN_INBOUND_RESPONSE"}""");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json(unknown).get("detail").asText()).contains("not registered");
    }

    private String start(String alias, String partnerId) {
        HttpResponse<String> response = http.post("/renewals", """
                {"alias":"%s","partnerId":"%s","guaranteedDeliveryTime":"P1D","purpose":"SIGN_INBOUND_RESPONSE"}"""
                .formatted(alias, partnerId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("renewalId").asText();
    }

    private String playbookOf(String renewalId) {
        return json(http.get("/renewals/" + renewalId)).at("/renewal/playbook").asText();
    }

    private static String partner(String id, boolean verifiesBoth) {
        return """
                {"partnerId":"%s","name":"%s Corp","contacts":[{"role":"SENDER_ADMINISTRATOR","name":"Ann",
                 "email":"ann@%s.example"}],"channels":{"kafka":true,"email":true,"webhookUrl":null},
                 "verifiesOldAndNewAtOnce":%s}""".formatted(id, id, id, verifiesBoth);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
