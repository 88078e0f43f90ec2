package io.keyrenewal.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static io.keyrenewal.notification.TopicRecorder.header;
import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The messages of a renewal of the tenant's key pair, from the events on the broker to the partner's topic. */
class KeyPairRenewalMessagesTest extends NotificationServiceContext {

    @Test
    void sendsTheNewCertificateToTheReceiverAdministratorWithTheConfirmationToPublish() {
        publish.event("started-" + renewalId, started());
        publish.event("created-" + renewalId, new NewKeyPairCreated(renewalId, "decryptor", CERTIFICATE, null,
                STARTED_AT));
        publish.event("provided-" + renewalId, provided());

        ConsumerRecord<String, String> record = awaitNotification(withHeader(MessageHeaders.ID,
                "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"));
        PartnerNotification notification = ContractJson.read(record.value(), PartnerNotification.class);

        assertThat(record.key()).isEqualTo(partnerId.value());
        assertThat(header(record, MessageHeaders.SUBJECT)).isEqualTo(renewalId.value());
        assertThat(header(record, MessageHeaders.TYPE)).isEqualTo("PartnerNotification");
        assertThat(header(record, MessageHeaders.SOURCE)).isEqualTo("/keyrenewal/notification-service");
        assertThat(header(record, MessageHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, MessageHeaders.TIME)).isEqualTo(STARTED_AT.toString());
        assertThat(notification.notificationId()).isEqualTo("provided-" + renewalId + ":RECEIVER_ADMINISTRATOR");
        assertThat(notification.partnerId()).isEqualTo(partnerId);
        assertThat(notification.renewalId()).isEqualTo(renewalId);
        assertThat(notification.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(notification.kind()).isEqualTo(NotificationKind.CERTIFICATE_PROVIDED);
        assertThat(notification.causationId()).isEqualTo("provided-" + renewalId);
        assertThat(notification.body()).contains(CERTIFICATE.sha256().value());
        assertThat(notification.attachments()).containsExactly(new Attachment(
                "decryptor-" + CERTIFICATE.serialNumber() + ".pem", "application/x-pem-file", CERTIFICATE.pem()));
        assertThat(notification.expectedConfirmation().topic()).isEqualTo(Topics.PARTNER_CONFIRMATIONS);
        assertThat(notification.expectedConfirmation().type()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(notification.expectedConfirmation().example())
                .contains("\"renewalId\":\"" + renewalId + "\"", "\"partnerId\":\"" + partnerId + "\"");
        assertThat(published.on(Topics.PARTNER_NOTIFICATIONS, forThisRenewal()))
                .as("RenewalStarted and NewKeyPairCreated ask nothing of the partner").hasSize(1);
    }

    @Test
    void tellsThePartnerOfEachStepOnceEvenWhenAnEventIsRedelivered() throws Exception {
        publish.event("started-" + renewalId, started());
        publish.event("provided-" + renewalId, provided());
        awaitNotification(withHeader(MessageHeaders.ID, "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"));

        publish.event("provided-" + renewalId, provided());
        publish.event("switched-" + renewalId, new PartnerSwitchedToNewKey(renewalId, partnerId, "confirmation-1",
                Instant.parse("2027-02-20T10:00:00Z"), STARTED_AT.plusSeconds(60)));
        PartnerNotification confirmationReceived = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "switched-" + renewalId + ":RECEIVER_ADMINISTRATOR")).value(), PartnerNotification.class);
        assertThat(published.on(Topics.PARTNER_NOTIFICATIONS, withHeader(MessageHeaders.ID,
                "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"))).hasSize(1);

        publish.event("completed-" + renewalId, new RenewalCompleted(renewalId, "decryptor", partnerId,
                STARTED_AT.plusSeconds(120)));
        ConsumerRecord<String, String> completedRecord = awaitNotification(withHeader(MessageHeaders.ID,
                "completed-" + renewalId + ":RECEIVER_ADMINISTRATOR"));
        PartnerNotification completed = ContractJson.read(completedRecord.value(), PartnerNotification.class);

        assertThat(confirmationReceived.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(confirmationReceived.partnerId()).isEqualTo(partnerId);
        assertThat(confirmationReceived.body()).contains("2027-02-20T10:00:00Z");
        assertThat(confirmationReceived.expectedConfirmation()).isNull();
        assertThat(completed.kind()).isEqualTo(NotificationKind.RENEWAL_COMPLETED);
        assertThat(completedRecord.key()).isEqualTo(partnerId.value());
        assertThat(completed.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);

        JsonNode log = await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> api.deliveryLog(renewalId),
                        rows -> rows.size() == 3 && rows.findValuesAsText("status").stream().allMatch("SENT"::equals));
        assertThat(log.findValuesAsText("kind")).containsExactlyInAnyOrder("CERTIFICATE_PROVIDED",
                "CONFIRMATION_RECEIVED", "RENEWAL_COMPLETED");
        assertThat(log.findValuesAsText("status")).containsOnly("SENT");
        assertThat(log.findValuesAsText("channel")).containsOnly("kafka");
        assertThat(log.findValuesAsText("partnerId")).containsOnly(partnerId.value());
        assertThat(log.findValues("attempts")).allSatisfy(attempts -> assertThat(attempts.asInt()).isEqualTo(1));
        assertThat(log.findValues("sentAt")).allSatisfy(sentAt -> assertThat(sentAt.isTextual()).isTrue());
    }

    @Test
    void tellsTheReceiverThatExchangedTheTenantsCertificateAfterTheKeyPairExchangeThatTheFlowIsRedeployedNext() {
        // playbook 12: the key pair's exchange, as the service recorded it, comes before the receiver's
        Playbook playbook = Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME;
        Instant exchangedAt = STARTED_AT.plus(Duration.ofDays(1));
        publish.event("started-" + renewalId, new RenewalStarted(renewalId, "signer", partnerId, playbook,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, KeyPairActivation.STAGED_UNTIL_EXCHANGE, null,
                PartnerRole.RECEIVER_ADMINISTRATOR, null));
        publish.event("exchanged-" + renewalId, new KeyPairExchanged(renewalId, "signer", CERTIFICATE.ref(), null,
                exchangedAt.plus(Duration.ofDays(90)), exchangedAt));
        publish.event("certificate-exchanged-" + renewalId, new SenderExchangedCertificate(renewalId, partnerId,
                "acme-5", exchangedAt.plusSeconds(60)));

        PartnerNotification acknowledged = receivedBy("certificate-exchanged-", PartnerRole.RECEIVER_ADMINISTRATOR);

        assertThat(acknowledged.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(acknowledged.body()).contains("Next: the tenant's integration developer redeploys the integration"
                + " flow that uses the alias").doesNotContain("then exchanges its key pair");
        assertThat(knownRenewals.find(renewalId)).get().extracting(KnownRenewal::keyPairExchangedAt)
                .isEqualTo(exchangedAt);
    }

    private Predicate<ConsumerRecord<String, String>> forThisRenewal() {
        return withHeader(MessageHeaders.SUBJECT, renewalId.value());
    }
}
