package io.keyrenewal.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRollbackApplied;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.PartnerSystem;
import io.keyrenewal.renewal.support.Records;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.renewal.support.SharedPostgresContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tenant's steps over REST, the keystore's reports over Kafka: playbook 1 to a rollback, playbook 2's tenant
 *  steps through the one step endpoint, aborts, one open renewal per alias, and the list of renewals; on a real
 *  PostgreSQL, the local stack's and production's database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantStepsIntegrationTest extends SharedPostgresContext {

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    Clock clock;

    Http http;
    TopicRecorder events;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
        PartnerSystem.ACME.register(http, true);
        events = new TopicRecorder(brokers, Topics.RENEWAL_EVENTS);
    }

    @AfterAll
    void disconnect() {
        events.close();
    }

    @Test
    void runsPlaybook1WithTheTenantsApprovalThenRollsBackWhileTheSenderStillVerifiesBoth() {
        String alias = "acme-signer";
        String renewalId = start(alias, "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH");
        CertificateRef old = Certificates.ref(alias, "01");
        report(renewalId, new KeyPairGenerated("rep-1", new RenewalId(renewalId), "e-1", alias,
                Certificates.certificate(alias, "02", Instant.now()), old, Instant.now()));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided");

        HttpResponse<String> early = http.post("/renewals/" + renewalId + "/exchange-approval", "");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).at("/detail").asText()).contains("PARTNER_VERIFIES_BOTH");

        confirm(renewalId, "c-1", ConfirmationType.VERIFIES_BOTH);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth");
        assertThat(json(http.get("/renewals/" + renewalId)).at("/renewal/nextActor").asText()).isEqualTo("tenant");

        HttpResponse<String> approved = http.post("/renewals/" + renewalId + "/exchange-approval", "");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json(approved).at("/renewal/awaiting").asText()).isEqualTo("KEY_PAIR_EXCHANGED");
        List<ConsumerRecord<String, String>> decided = awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided");

        report(renewalId, new KeyPairExchangeApplied("rep-2", new RenewalId(renewalId),
                TopicRecorder.header(decided.get(5), MessageHeaders.ID), alias,
                Certificates.ref(alias, "02"), old, Instant.now().plus(Duration.ofDays(90)), Instant.now()));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange");

        HttpResponse<String> rolledBack = http.post("/renewals/" + renewalId + "/rollback",
                "{\"reason\":\"the sender rejects the new signatures\"}");
        assertThat(rolledBack.statusCode()).isEqualTo(200);
        report(renewalId, new KeyPairRollbackApplied("rep-3", new RenewalId(renewalId), "e-3", alias, old,
                Instant.now()));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange",
                "RollbackDecided", "KeyPairRolledBack");
        assertThat(json(http.get("/renewals/" + renewalId)).at("/renewal/state").asText()).isEqualTo("ROLLED_BACK");

        assertThat(http.post("/renewals/" + renewalId + "/rollback", "{\"reason\":\"again\"}").statusCode())
                .isEqualTo(200);
        assertThat(start(alias, "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH")).as("the alias is free again")
                .isNotEqualTo(renewalId);
    }

    @Test
    void refusesASecondOpenRenewalOfTheSameAliasUntilTheFirstIsAborted() {
        String alias = "acme-exclusive";
        String first = start(alias, "TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME");

        HttpResponse<String> second = http.post("/renewals", body(alias, "TENANT_DECRYPTS_OUTBOUND_RESPONSE"));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).at("/detail").asText()).contains(first).contains("one open renewal per alias");

        HttpResponse<String> aborted = http.post("/renewals/" + first + "/abort",
                "{\"reason\":\"the sender cannot take a downtime this month\"}");
        assertThat(aborted.statusCode()).isEqualTo(200);
        assertThat(json(aborted).at("/renewal/state").asText()).isEqualTo("ABORTED");
        report(first, new KeyPairDiscarded("rep-9", new RenewalId(first), "e-9", alias, null, Instant.now()));
        awaitEvents(first, "RenewalStarted", "RenewalAborted", "StagedKeyPairDiscarded");

        assertThat(start(alias, "TENANT_DECRYPTS_OUTBOUND_RESPONSE")).isNotEqualTo(first);
    }

    @Test
    void aFailedExchangeIsShownAndLeavesARetryAndThenAnAbortAsWaysOut() {
        String alias = "acme-failing";
        String renewalId = start(alias, "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH");
        CertificateRef old = Certificates.ref(alias, "01");
        report(renewalId, new KeyPairGenerated("rep-1", new RenewalId(renewalId), "e-1", alias,
                Certificates.certificate(alias, "02", Instant.now()), old, Instant.now()));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided");
        confirm(renewalId, "c-f1", ConfirmationType.VERIFIES_BOTH);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth");
        assertThat(http.post("/renewals/" + renewalId + "/keystore-retry", "").statusCode())
                .as("nothing failed yet").isEqualTo(409);
        assertThat(http.post("/renewals/" + renewalId + "/exchange-approval", "").statusCode()).isEqualTo(200);
        report(renewalId, new KeystoreOperationFailed("rep-f1", new RenewalId(renewalId), "e-f1", "EXCHANGE",
                "alias 'acme-failing' holds no staged key pair with certificate ab", Instant.now()));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeystoreFailureRecorded");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(http.get("/renewals/"
                + renewalId)).at("/renewal/lastKeystoreFailure").asText()).startsWith("EXCHANGE: alias"));

        HttpResponse<String> retried = http.post("/renewals/" + renewalId + "/keystore-retry", "");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        HttpResponse<String> abortWhileRetrying = http.post("/renewals/" + renewalId + "/abort",
                "{\"reason\":\"the keystore cannot exchange\"}");
        assertThat(abortWhileRetrying.statusCode()).isEqualTo(409);
        assertThat(json(abortWhileRetrying).at("/detail").asText()).contains("retry");
        report(renewalId, new KeystoreOperationFailed("rep-f2", new RenewalId(renewalId), "e-f2", "EXCHANGE",
                "still no staged key pair", Instant.now()));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeystoreFailureRecorded", "KeystoreStepRetried",
                "KeystoreFailureRecorded");

        HttpResponse<String> aborted = http.post("/renewals/" + renewalId + "/abort",
                "{\"reason\":\"the keystore cannot exchange\"}");
        assertThat(aborted.statusCode()).as(aborted.body()).isEqualTo(200);
        assertThat(json(aborted).at("/renewal/state").asText()).isEqualTo("ABORTED");
        assertThat(start(alias, "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH")).as("the alias is free again")
                .isNotEqualTo(renewalId);
    }

    @Test
    void listsRenewalsFilteredByStatePartnerAndAlias() {
        String renewalId = start("globex-decrypt", "TENANT_DECRYPTS_OUTBOUND_RESPONSE");

        JsonNode byAlias = json(http.get("/renewals?alias=globex-decrypt&state=OPEN"));
        assertThat(byAlias).hasSize(1);
        assertThat(byAlias.get(0).get("renewalId").asText()).isEqualTo(renewalId);
        assertThat(byAlias.get(0).get("nextActor").asText()).isEqualTo("keystore");
        assertThat(json(http.get("/renewals?partnerId=acme&alias=globex-decrypt"))).hasSize(1);
        assertThat(json(http.get("/renewals?partnerId=nobody"))).isEmpty();
        assertThat(json(http.get("/renewals?alias=globex-decrypt&state=COMPLETED"))).isEmpty();
    }

    @Test
    void aStepOfAnUnknownRenewalIs404ADowntimeWithoutWindowIs400AndOneStartingInThePast422() {
        assertThat(http.post("/renewals/no-such-renewal/drain-confirmation", "").statusCode()).isEqualTo(404);
        String renewalId = start("acme-downtime", "TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME");
        HttpResponse<String> missing = http.post("/renewals/" + renewalId + "/downtime", "{\"windowStart\":null}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).at("/errors").findValuesAsText("field")).contains("windowStart", "windowEnd");

        report(renewalId, new KeyPairGenerated("rep-d1", new RenewalId(renewalId), "e-d1", "acme-downtime",
                Certificates.certificate("acme-downtime", "02", Instant.now()), null, Instant.now()));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided");
        Instant now = Instant.now();
        HttpResponse<String> past = http.post("/renewals/" + renewalId + "/downtime", "{\"windowStart\":\""
                + now.minusSeconds(60) + "\",\"windowEnd\":\"" + now.plusSeconds(3600) + "\"}");
        assertThat(past.statusCode()).as("the benchmark's tenant proposes a later window on this answer")
                .isEqualTo(422);
        assertThat(json(past).at("/detail").asText()).contains("must not start in the past");
    }

    @Test
    void takesEachTenantStepOfPlaybook2ThroughTheOneStepEndpointThatListsThemAndNamesWhatEachNeeds() {
        String alias = "acme-steps";
        String renewalId = start(alias, "TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME");
        String steps = "/renewals/" + renewalId + "/steps/";
        HttpResponse<String> unknown = http.post(steps + "approve", "");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).at("/detail").asText()).contains("no step is named approve")
                .contains("DOWNTIME_PROPOSED, DRAIN_CONFIRMED, EXCHANGE_APPROVED");
        assertThat(json(unknown).at("/errors").findValuesAsText("field")).containsExactly("step");
        assertThat(http.post("/renewals/no-such-renewal/steps/approve", "").statusCode()).isEqualTo(404);

        report(renewalId, new KeyPairGenerated("rep-s1", new RenewalId(renewalId), "e-s1", alias,
                Certificates.certificate(alias, "02", Instant.now()), null, Instant.now()));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided");
        awaitTenantSteps(renewalId, "DOWNTIME_PROPOSED");
        assertThat(json(http.get("/renewals/" + renewalId)).at("/tenantSteps/0/needs"))
                .extracting(JsonNode::asText).containsExactly("windowStart", "windowEnd");

        HttpResponse<String> noWindow = http.post(steps + "downtime-proposed", "");
        assertThat(noWindow.statusCode()).isEqualTo(400);
        assertThat(json(noWindow).at("/errors").findValuesAsText("field")).containsExactly("windowStart",
                "windowEnd");
        HttpResponse<String> someoneElse = http.post(steps + "EXCHANGE_APPROVED", "{\"by\":\"tenant-admin\"}");
        assertThat(someoneElse.statusCode()).isEqualTo(400);
        assertThat(json(someoneElse).at("/errors/0/field").asText()).isEqualTo("by");
        HttpResponse<String> early = http.post(steps + "exchange-approved", "");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).at("/title").asText()).isEqualTo("StepNotAllowed");
        assertThat(json(early).at("/detail").asText()).contains("EXCHANGE_APPROVED is not allowed yet")
                .contains("DRAIN_CONFIRMED");
        assertThat(json(http.post(steps + "downtime-agreed", "")).at("/detail").asText())
                .contains("DOWNTIME_AGREED is the partner's step, not the tenant's");

        Instant windowStart = clock.instant().plusSeconds(2);
        String window = "{\"by\":\"operator\",\"windowStart\":\"" + windowStart + "\",\"windowEnd\":\""
                + windowStart.plus(Duration.ofHours(1)) + "\"}";
        HttpResponse<String> proposed = http.post(steps + "downtime-proposed", window);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(200);
        assertThat(json(proposed).at("/renewal/awaiting").asText()).isEqualTo("DOWNTIME_AGREED");
        assertThat(json(proposed).at("/tenantSteps")).isEmpty();
        assertThat(json(http.post(steps + "DOWNTIME_PROPOSED", window)).at("/detail").asText())
                .contains("DOWNTIME_PROPOSED is already done");
        confirm(renewalId, "c-s1", ConfirmationType.DOWNTIME_ACCEPTED);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed");
        await().atMost(Duration.ofSeconds(30)).until(() -> clock.instant().isAfter(windowStart));
        confirm(renewalId, "c-s2", ConfirmationType.SENDING_STOPPED);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed", "SenderStoppedSending");
        awaitTenantSteps(renewalId, "DRAIN_CONFIRMED");

        assertThat(http.post(steps + "drain-confirmed", "{}").statusCode()).isEqualTo(200);
        confirm(renewalId, "c-s3", ConfirmationType.CERTIFICATE_EXCHANGED);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed", "SenderStoppedSending", "DrainConfirmed", "SenderExchangedCertificate");
        awaitTenantSteps(renewalId, "EXCHANGE_APPROVED");
        HttpResponse<String> approved = http.post(steps + "Exchange-Approved", "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).at("/renewal/awaiting").asText()).isEqualTo("KEY_PAIR_EXCHANGED");
        List<ConsumerRecord<String, String>> decided = awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided", "DowntimeProposed", "DowntimeAgreed", "SenderStoppedSending", "DrainConfirmed",
                "SenderExchangedCertificate", "KeyPairExchangeApproved", "KeyPairExchangeDecided");
        assertThat(decided.get(3).value()).contains("\"proposedBy\":\"operator\"");
        assertThat(decided.get(8).value()).contains("\"approvedBy\":\"operator\"");
    }

    private void awaitTenantSteps(String renewalId, String... expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(http.get("/renewals/"
                + renewalId)).at("/tenantSteps").findValuesAsText("step")).containsExactly(expected));
    }

    private String start(String alias, String playbook) {
        HttpResponse<String> response = http.post("/renewals", body(alias, playbook));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("renewalId").asText();
    }

    private static String body(String alias, String playbook) {
        return "{\"alias\":\"" + alias + "\",\"partnerId\":\"acme\",\"guaranteedDeliveryTime\":\"P7D\",\"playbook\":\""
                + playbook + "\"}";
    }

    private void report(String renewalId, Object report) {
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, report));
    }

    private void confirm(String renewalId, String confirmationId, ConfirmationType type) {
        kafka.send(PartnerSystem.ACME.confirmation(renewalId, confirmationId, type, clock.instant()));
    }

    private List<ConsumerRecord<String, String>> awaitEvents(String renewalId, String... types) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.withKey(renewalId))
                .extracting(record -> TopicRecorder.header(record, MessageHeaders.TYPE))
                .containsExactly(types));
        return events.withKey(renewalId);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
