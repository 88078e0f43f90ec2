package io.keyrenewal.renewal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.SharedServiceContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which certificate was active for an alias, what the partner had been given, where a renewal stood, at time T. */
class AsOfQueriesTest extends SharedServiceContext {

    static final String ALIAS = "asof-signer";
    static final PartnerId PARTNER = new PartnerId("asof-partner");
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;

    @Test
    void answersForAnyMomentOfAPlaybook1RenewalThatWasRolledBack() throws Exception {
        RenewalId renewalId = RenewalId.random();
        CertificateInfo renewed = Certificates.certificate(ALIAS, "0b", T0);
        CertificateRef old = Certificates.ref(ALIAS, "0a");
        commands.sendAndWait(new Commands.StartRenewal(renewalId, ALIAS, PARTNER,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, Duration.ofDays(1), KeyAlgorithm.EC_P256, T0));
        commands.sendAndWait(new Commands.RecordKeyPairGenerated(renewalId, "r-1", renewed, old, T0.plusSeconds(10)));
        commands.sendAndWait(new Commands.ConfirmPartnerStep(renewalId, "c-1", PARTNER,
                ConfirmationType.VERIFIES_BOTH, T0.plusSeconds(3600)));
        commands.sendAndWait(new TakeTenantStep(renewalId, Milestone.EXCHANGE_APPROVED, "tenant-admin",
                T0.plusSeconds(7200)));
        commands.sendAndWait(new Commands.RecordKeyPairExchanged(renewalId, "r-2", renewed.ref(), old,
                T0.plusSeconds(7300)));
        commands.sendAndWait(new Commands.RollBack(renewalId, "errors", "tenant-admin", T0.plusSeconds(9000)));
        commands.sendAndWait(new Commands.RecordKeyPairRolledBack(renewalId, "r-3", old, T0.plusSeconds(9100)));

        assertThat(activeAt(T0.plusSeconds(5))).as("before the renewal touched it").isEqualTo(old.sha256().value());
        assertThat(activeAt(T0.plusSeconds(7000))).as("staged, not exchanged yet").isEqualTo(old.sha256().value());
        assertThat(activeAt(T0.plusSeconds(8000))).as("after the exchange").isEqualTo(renewed.sha256().value());
        assertThat(activeAt(T0.plusSeconds(9200))).as("after the rollback").isEqualTo(old.sha256().value());

        assertThat(get("/audit/partners/" + PARTNER + "/certificates?asOf=" + T0.plusSeconds(5))).isEmpty();
        JsonNode given = get("/audit/partners/" + PARTNER + "/certificates?asOf=" + T0.plusSeconds(20));
        assertThat(given).hasSize(1);
        assertThat(given.get(0).at("/certificate/sha256").asText()).isEqualTo(renewed.sha256().value());

        JsonNode atApproval = get("/audit/renewals/" + renewalId + "?asOf=" + T0.plusSeconds(7200));
        assertThat(atApproval.get("state").asText()).isEqualTo("OPEN");
        assertThat(atApproval.get("awaiting").asText()).isEqualTo("KEY_PAIR_EXCHANGED");
        assertThat(atApproval.get("nextActor").asText()).isEqualTo("keystore");
        assertThat(get("/audit/renewals/" + renewalId + "?asOf=" + T0.plusSeconds(9500)).get("state").asText())
                .isEqualTo("ROLLED_BACK");
        assertThat(new Http("http://127.0.0.1:" + port)
                .get("/audit/renewals/" + renewalId + "?asOf=" + T0.minusSeconds(1)).statusCode()).isEqualTo(404);

        // one time per event: the export and the renewal's history give the time the as-of queries take
        List<Instant> exported = new ArrayList<>();
        String export = new Http("http://127.0.0.1:" + port).get("/audit/export?renewalId=" + renewalId).body();
        for (String line : export.split("\n")) {
            exported.add(Instant.parse(ContractJson.mapper().readTree(line).get("at").asText()));
        }
        List<Instant> expected = List.of(T0, T0.plusSeconds(10), T0.plusSeconds(3600), T0.plusSeconds(7200),
                T0.plusSeconds(7300), T0.plusSeconds(9000), T0.plusSeconds(9100));
        assertThat(exported).containsSubsequence(expected);
        List<Instant> history = new ArrayList<>();
        get("/renewals/" + renewalId).get("history").forEach(event -> history.add(Instant.parse(
                event.get("at").asText())));
        assertThat(history).isEqualTo(exported);
        Instant approved = T0.plusSeconds(7200);
        assertThat(get("/audit/renewals/" + renewalId + "?asOf=" + approved).get("doneSteps").asText())
                .as("as of the approval's exported time, the approval is done").contains("EXCHANGE_APPROVED");
        assertThat(get("/audit/renewals/" + renewalId + "?asOf=" + approved.minusNanos(1)).get("doneSteps").asText())
                .as("just before it, not yet").doesNotContain("EXCHANGE_APPROVED");
    }

    private String activeAt(Instant asOf) throws Exception {
        return get("/audit/aliases/" + ALIAS + "/active-certificate?asOf=" + asOf).get("sha256").asText();
    }

    private JsonNode get(String path) throws Exception {
        var response = new Http("http://127.0.0.1:" + port).get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }
}
