package io.keyrenewal.renewal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.SharedServiceContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Each renewal's events form a hash chain; altering a stored event is found and named. */
class TamperEvidenceTest extends SharedServiceContext {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ChainVerification verification;

    @Test
    void findsAnEventAlteredDirectlyInTheDatabaseAndNamesTheFirstBrokenLink() throws Exception {
        RenewalId tampered = renewalUpToTheSwitch("alias-tampered");
        RenewalId untouched = renewalUpToTheSwitch("alias-untouched");
        Http http = new Http("http://127.0.0.1:" + port);
        JsonNode intact = ContractJson.mapper().readTree(http.get("/audit/verification?renewalId=" + tampered)
                .body());
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("eventsChecked").asLong()).isEqualTo(4);

        byte[] stored = jdbc.queryForObject("select payload from domain_event_entry where aggregate_identifier = ?"
                + " and sequence_number = 3", byte[].class, tampered.value());
        String altered = new String(stored, StandardCharsets.UTF_8).replace("\"partnerId\":\"acme\"",
                "\"partnerId\":\"mallory\"");
        assertThat(altered).isNotEqualTo(new String(stored, StandardCharsets.UTF_8));
        jdbc.update("update domain_event_entry set payload = ? where aggregate_identifier = ? and sequence_number = 3",
                altered.getBytes(StandardCharsets.UTF_8), tampered.value());

        JsonNode whole = ContractJson.mapper().readTree(http.get("/audit/verification?renewalId=" + tampered)
                .body());
        assertThat(whole.get("intact").asBoolean()).isFalse();
        assertThat(whole.at("/firstBrokenLink/aggregateIdentifier").asText()).isEqualTo(tampered.value());
        assertThat(whole.at("/firstBrokenLink/sequenceNumber").asLong()).isEqualTo(3);
        assertThat(whole.at("/firstBrokenLink/reason").asText()).contains("altered");
        assertThat(verification.verify(untouched.value()).intact()).isTrue();
    }

    @Test
    void exportsARenewalsHistoryAsJsonLinesWithWhoActedAndWhichStep() throws Exception {
        RenewalId renewal = renewalUpToTheSwitch("alias-exported");
        java.net.http.HttpResponse<String> response = new Http("http://127.0.0.1:" + port)
                .get("/audit/export?renewalId=" + renewal);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/x-ndjson"));
        String body = response.body();

        java.util.List<JsonNode> lines = body.lines().map(line -> {
            try {
                return ContractJson.mapper().readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
        assertThat(lines).extracting(line -> line.get("type").asText()).containsExactly("RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided", "PartnerSwitchedToNewKey");
        assertThat(lines).extracting(line -> line.get("actor").asText()).containsExactly("tenant", "keystore",
                "system", "partner:acme");
        assertThat(lines.get(3).get("step").asText()).isEqualTo("PARTNER_SWITCHED_TO_NEW_KEY");
        assertThat(lines.get(3).at("/data/confirmationId").asText()).isEqualTo("c-1");
        assertThat(lines).allSatisfy(line -> assertThat(line.get("hash").asText()).hasSize(64));
        assertThat(body).doesNotContain("PRIVATE KEY");
    }

    @Test
    void findsAnEventDeletedFromTheMiddleOfAHistory() {
        RenewalId renewal = renewalUpToTheSwitch("alias-deleted");
        jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and sequence_number = 1",
                renewal.value());

        ChainVerification.Result result = verification.verify(renewal.value());

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenLink().sequenceNumber()).isEqualTo(1);
        assertThat(result.firstBrokenLink().reason()).contains("missing");
    }

    private RenewalId renewalUpToTheSwitch(String alias) {
        RenewalId renewalId = RenewalId.random();
        Instant now = Instant.now();
        commands.sendAndWait(new Commands.StartRenewal(renewalId, alias, new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.EC_P256, now));
        commands.sendAndWait(new Commands.RecordKeyPairGenerated(renewalId, "rep-1",
                Certificates.certificate(alias, "0a", now), Certificates.ref(alias, "09"), now));
        commands.sendAndWait(new Commands.ConfirmPartnerStep(renewalId, "c-1", new PartnerId("acme"),
                ConfirmationType.SWITCHED_TO_NEW_KEY, now));
        return renewalId;
    }
}
