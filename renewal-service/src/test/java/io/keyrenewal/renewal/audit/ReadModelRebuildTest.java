package io.keyrenewal.renewal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.query.RenewalViewRepository;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Replaying the event store into an empty read model gives exactly the live one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.datasource.url=jdbc:h2:mem:rebuild;DB_CLOSE_DELAY=-1"})
@EmbeddedKafka(partitions = 1)
class ReadModelRebuildTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    RenewalViewRepository views;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rebuildsAnEmptiedReadModelEqualToTheLiveOneWithProgress() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            RenewalId renewalId = RenewalId.random();
            String alias = "rebuild-" + i;
            commands.sendAndWait(new Commands.StartRenewal(renewalId, alias, new PartnerId("acme"),
                    i % 2 == 0 ? Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE
                            : Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
                    Duration.ofDays(30), KeyAlgorithm.EC_P256, now));
            if (i > 0) {
                commands.sendAndWait(new Commands.RecordKeyPairGenerated(renewalId, "r-" + i,
                        Certificates.certificate(alias, "0" + i, now), Certificates.ref(alias, "1" + i), now));
            }
            if (i > 2) {
                commands.sendAndWait(new Commands.ConfirmPartnerStep(renewalId, "c-" + i, new PartnerId("acme"),
                        i % 2 == 0 ? ConfirmationType.SWITCHED_TO_NEW_KEY : ConfirmationType.VERIFIES_BOTH, now));
            }
        }
        String live = snapshot();
        assertThat(views.count()).isEqualTo(5);

        jdbc.update("delete from renewal_view");
        assertThat(views.count()).isZero();
        Http http = new Http("http://127.0.0.1:" + port);
        assertThat(http.post("/audit/rebuild", "").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode progress = ContractJson.mapper().readTree(http.get("/audit/rebuild").body());
            assertThat(progress.get("state").asText()).isEqualTo("DONE");
            assertThat(progress.get("eventsDone").asLong()).isEqualTo(progress.get("eventsTotal").asLong())
                    .isEqualTo(1 + 3 + 3 + 4 + 4);
        });

        assertThat(snapshot()).isEqualTo(live);
    }

    private String snapshot() throws Exception {
        return ContractJson.mapper().writeValueAsString(views.findAll(Sort.by("renewalId")));
    }
}
