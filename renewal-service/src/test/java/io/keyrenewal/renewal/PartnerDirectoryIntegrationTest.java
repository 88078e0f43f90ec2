package io.keyrenewal.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Partners registered over REST, published on the compacted directory topic, and choosing playbook 1 or 2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:partner-directory;DB_CLOSE_DELAY=-1"})
@KafkaTestBroker(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerDirectoryIntegrationTest {

    @DynamicPropertySource
    static void seedFile(DynamicPropertyRegistry registry) throws IOException {
        Path seed = Files.createTempFile("partners", ".json");
        Files.writeString(seed, """
                [{"partnerId":"initech","name":"Initech","contacts":[{"role":"SENDER_ADMINISTRATOR","name":"Bill",
                  "email":"bill@initech.example"}],"channels":{"kafka":true,"email":false,"webhookUrl":null},
                  "verifiesOldAndNewAtOnce":false,"updatedAt":"2026-11-22T08:00:00Z"}]""");
        seed.toFile().deleteOnExit();
        registry.add("keyrenewal.partners.seed-file", seed::toString);
    }

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

    @Test
    void registersAPartnerOnceChangesItAndPublishesEveryChangeWithoutSecrets() {
        HttpResponse<String> registered = http.post("/partners", partner("acme", true));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(http.post("/partners", partner("acme", true)).statusCode()).isEqualTo(409);

        HttpResponse<String> changed = http.put("/partners/acme", partner("acme", false));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(http.get("/partners/acme")).get("verifiesOldAndNewAtOnce").asBoolean()).isFalse();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(directory.withKey("acme"))
                .extracting(record -> ContractJson.read(record.value(), PartnerDirectoryEntry.class)
                        .verifiesOldAndNewAtOnce())
                .containsExactly(true, false));
        assertThat(directory.withKey("acme")).allSatisfy(record ->
                assertThat(record.value()).doesNotContainIgnoringCase("secret"));
        assertThat(http.get("/partners/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void thePartnersCapabilityChoosesPlaybook1Or2ForASigningKey() {
        http.post("/partners", partner("globex", true));

        assertThat(playbookOf(start("globex-signer", "globex"))).isEqualTo("TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH");
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
