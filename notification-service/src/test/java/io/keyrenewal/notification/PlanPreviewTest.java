package io.keyrenewal.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /notifications/preview} renders the messages of real dry-run plans (renewal-service's answers) as the
 * listener renders them for the events of a real renewal of that request, and stores, queues and sends nothing.
 */
class PlanPreviewTest extends NotificationServiceContext {

    private static final String DRY_RUN = "(dry run)";
    private static final String CONFIRMATION_ID = "<your confirmationId>";
    private static final Instant RETENTION_END = Instant.parse("2027-02-20T10:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Test
    void rendersTheMessagesOfPlaybookOneAsTheRenewalsEventsYieldThemAndNamesWhatItCannotRender() throws Exception {
        String alias = "preview-" + partnerId.value();
        JsonNode previewed = preview("dry-run-playbook-1.json", alias);

        assertThat(previewed.findValuesAsText("event")).containsExactly("CertificateProvided", "PartnerVerifiesBoth",
                "PartnerStepOverdue", "PartnerStepEscalated", "PartnerInformedOfExchange",
                "PartnerRemovedOldCertificate", "PartnerStepOverdue", "PartnerStepEscalated", "RenewalCompleted");
        assertThat(previewed.get(0).path("text").isNull()).isTrue();
        assertThat(previewed.get(0).path("reason").asText()).contains("the tenant's new certificate");
        assertThat(previewed.get(4).path("text").isNull()).isTrue();
        assertThat(previewed.get(1).has("reason")).as("a rendered message has no reason").isFalse();
        assertNothingStoredQueuedOrSent();

        // the same renewal for real: its events as the plan dates them, through the listener
        Playbook playbook = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
        publish.event("started-" + renewalId, new RenewalStarted(renewalId, alias, partnerId, playbook,
                Duration.ZERO, KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, Playbooks.of(playbook).newKeyPair(), 1, PartnerRole.SENDER_ADMINISTRATOR));
        publish.event("verified-" + renewalId, new PartnerVerifiesBoth(renewalId, partnerId, CONFIRMATION_ID,
                STARTED_AT));
        publish.event("overdue-" + renewalId, new PartnerStepOverdue(renewalId, partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.VERIFIES_BOTH, STARTED_AT,
                STARTED_AT.plus(Duration.ofHours(72))));
        publish.event("escalated-" + renewalId, new PartnerStepEscalated(renewalId, partnerId,
                ConfirmationType.VERIFIES_BOTH, STARTED_AT, STARTED_AT.plus(Duration.ofHours(144))));
        publish.event("removed-" + renewalId, new PartnerRemovedOldCertificate(renewalId, partnerId, CONFIRMATION_ID,
                STARTED_AT));
        publish.event("completed-" + renewalId, new RenewalCompleted(renewalId, alias, partnerId, RETENTION_END));

        assertSameAsSent(previewed.get(1), receivedBy("verified-", PartnerRole.SENDER_ADMINISTRATOR));
        assertSameAsSent(previewed.get(2), receivedBy("overdue-", PartnerRole.SENDER_ADMINISTRATOR));
        assertSameAsSent(previewed.get(3), receivedBy("escalated-", PartnerRole.TENANT_ADMINISTRATOR));
        assertSameAsSent(previewed.get(5), receivedBy("removed-", PartnerRole.SENDER_ADMINISTRATOR));
        assertSameAsSent(previewed.get(8), receivedBy("completed-", PartnerRole.SENDER_ADMINISTRATOR));
        assertNothingStoredQueuedOrSent();
    }

    @Test
    void rendersTheRequestOfThePartnersCertificateAndTheSwitchWithThePlansDates() throws Exception {
        String alias = "preview-" + partnerId.value();
        JsonNode previewed = preview("dry-run-playbook-6.json", alias);

        assertThat(previewed.findValuesAsText("event")).containsExactly("PartnerCertificateRequested",
                "PartnerCertificateReceived", "PartnerStepOverdue", "PartnerStepEscalated",
                "PartnerCertificateImported", "PartnerSwitchedToNewKey", "PartnerStepOverdue", "PartnerStepEscalated",
                "RenewalCompleted");
        assertThat(previewed.get(1).path("reason").asText()).contains("the partner's new certificate");
        assertThat(previewed.get(4).path("text").isNull()).isTrue();
        assertThat(previewed.get(0).path("text").asText()).contains("Respond by 2026-11-25T10:00:00Z")
                .contains("\"renewalId\":\"(dry run)\"");
        assertNothingStoredQueuedOrSent();

        PlaybookDefinition playbook = Playbooks.of(Playbook.TENANT_VERIFIES_INBOUND_REQUEST);
        publish.event("started-" + renewalId, new RenewalStarted(renewalId, alias, partnerId, playbook.playbook(),
                Duration.ZERO, KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, playbook.newKeyPair(), 1, PartnerRole.SENDER_ADMINISTRATOR,
                playbook.partnerCertificateUse()));
        publish.event("requested-" + renewalId, new PartnerCertificateRequested(renewalId, alias, partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook.playbook(), STARTED_AT, STARTED_AT.plus(Duration.ofHours(72)),
                ConfirmationType.NEW_CERTIFICATE, playbook.partnerCertificateUse()));
        publish.event("switched-" + renewalId, new PartnerSwitchedToNewKey(renewalId, partnerId, CONFIRMATION_ID,
                RETENTION_END, STARTED_AT));
        publish.event("completed-" + renewalId, new RenewalCompleted(renewalId, alias, partnerId, RETENTION_END));

        assertSameAsSent(previewed.get(0), receivedBy("requested-", PartnerRole.SENDER_ADMINISTRATOR));
        assertSameAsSent(previewed.get(5), receivedBy("switched-", PartnerRole.SENDER_ADMINISTRATOR));
        assertSameAsSent(previewed.get(8), receivedBy("completed-", PartnerRole.SENDER_ADMINISTRATOR));
        assertNothingStoredQueuedOrSent();
    }

    @Test
    void refusesAPlanOfAPlaybookItDoesNotKnow() throws Exception {
        HttpResponse<String> response = api.post("/notifications/preview", """
                {"alias":"a","partner":{"partnerId":"acme"},"playbook":{"playbook":"TENANT_SIGNS_NOTHING"},
                 "steps":[{"step":"COMPLETED","event":"RenewalCompleted","earliestAt":"2026-11-22T10:00:00Z",
                 "tells":[{"event":"RenewalCompleted","recipient":"SENDER_ADMINISTRATOR","kind":"RENEWAL_COMPLETED"}]}]}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ContractJson.mapper().readTree(response.body()).path("detail").asText())
                .contains("TENANT_SIGNS_NOTHING");
    }

    /** The plan of the resource, for this test's alias and partner, previewed. */
    private JsonNode preview(String plan, String alias) throws IOException, InterruptedException {
        String body;
        try (InputStream in = getClass().getResourceAsStream("/preview/" + plan)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("\"alias\":\"[^\"]*\"", "\"alias\":\"" + alias + "\"")
                    .replace("\"partnerId\":\"acme\"", "\"partnerId\":\"" + partnerId.value() + "\"");
        }
        HttpResponse<String> response = api.post("/notifications/preview", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }

    /** The preview's subject and text are the real message's, but for the renewal id. */
    private void assertSameAsSent(JsonNode previewed, PartnerNotification sent) {
        assertThat(previewed.path("recipient").asText()).isEqualTo(sent.recipient().name());
        assertThat(previewed.path("kind").asText()).isEqualTo(sent.kind().name());
        assertThat(previewed.path("subject").asText())
                .isEqualTo(sent.subject().replace(renewalId.value(), DRY_RUN));
        assertThat(previewed.path("text").asText()).isEqualTo(sent.body().replace(renewalId.value(), DRY_RUN));
    }

    /**
     * No row of the preview's renewal in the service's tables; on its topic no message of it, nor one to this test's
     * partner but of the real renewal.
     */
    private void assertNothingStoredQueuedOrSent() {
        assertThat(count("SELECT COUNT(*) FROM known_renewal WHERE renewal_id = ?", DRY_RUN)).isZero();
        assertThat(count("SELECT COUNT(*) FROM partner_message WHERE renewal_id = ?", DRY_RUN)).isZero();
        assertThat(count("SELECT COUNT(*) FROM notification_delivery WHERE renewal_id = ?", DRY_RUN)).isZero();
        assertThat(published.on(Topics.PARTNER_NOTIFICATIONS, record -> record.value().contains(DRY_RUN)
                || record.value().contains(partnerId.value()) && !record.value().contains(renewalId.value())))
                .isEmpty();
    }

    private long count(String sql, String renewal) {
        return jdbc.sql(sql).param(renewal).query(Long.class).single();
    }
}
