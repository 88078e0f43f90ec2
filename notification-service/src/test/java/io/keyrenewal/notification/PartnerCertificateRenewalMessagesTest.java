package io.keyrenewal.notification;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.RenewedKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

/** The messages of a renewal of the partner's certificate, from the events on the broker to the partner's topic. */
class PartnerCertificateRenewalMessagesTest extends NotificationServiceContext {

    @Test
    void asksThePartnerForItsNewCertificateAcknowledgesItAndAsksForTheSwitchOnceItIsImported() {
        // the catalogue names no playbook of a partner's certificate yet: the messages read the events, not it
        Playbook playbook = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
        CertificateRef previous = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=partner old", "01ff");
        publish.event("started-" + renewalId, new RenewalStarted(renewalId, "partner-signer", partnerId, playbook,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, KeyPairActivation.NONE, null, PartnerRole.SENDER_ADMINISTRATOR));
        publish.event("requested-" + renewalId, new PartnerCertificateRequested(renewalId, "partner-signer", partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook, STARTED_AT, STARTED_AT.plus(Duration.ofDays(7)),
                ConfirmationType.NEW_CERTIFICATE));
        publish.event("received-" + renewalId, new PartnerCertificateReceived(renewalId, "partner-signer", partnerId,
                "acme-1", CERTIFICATE, STARTED_AT.plusSeconds(60)));
        publish.event("imported-" + renewalId, new PartnerCertificateImported(renewalId, "partner-signer", partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook, CERTIFICATE.ref(), previous, STARTED_AT.plusSeconds(120),
                STARTED_AT.plus(Duration.ofDays(8)), ConfirmationType.SWITCHED_TO_NEW_KEY));

        PartnerNotification requested = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "requested-" + renewalId + ":SENDER_ADMINISTRATOR")).value(), PartnerNotification.class);
        PartnerNotification received = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "received-" + renewalId + ":SENDER_ADMINISTRATOR")).value(), PartnerNotification.class);
        PartnerNotification imported = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "imported-" + renewalId + ":SENDER_ADMINISTRATOR")).value(), PartnerNotification.class);

        assertThat(requested.kind()).isEqualTo(NotificationKind.PARTNER_CERTIFICATE_REQUESTED);
        assertThat(requested.body()).contains("create a new key pair in your sender system");
        assertThat(requested.expectedConfirmation().type()).isEqualTo(ConfirmationType.NEW_CERTIFICATE);
        assertThat(requested.expectedConfirmation().example())
                .contains("\"certificate\":\"<PEM of your new certificate>\"");
        assertThat(received.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(received.body()).contains("acme-1 (NEW_CERTIFICATE)").contains(CERTIFICATE.sha256().value());
        assertThat(imported.kind()).isEqualTo(NotificationKind.PARTNER_CERTIFICATE_IMPORTED);
        assertThat(imported.body()).contains(CERTIFICATE.sha256().value()).contains(previous.sha256().value());
        assertThat(imported.expectedConfirmation().type()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(List.of(requested, received, imported)).allSatisfy(notification -> {
            assertThat(notification.recipient()).isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
            assertThat(notification.partnerId()).isEqualTo(partnerId);
        });
        assertThat(knownRenewals.find(renewalId)).get().extracting(KnownRenewal::renewedKey)
                .isEqualTo(RenewedKey.PARTNER_CERTIFICATE);
    }

    @Test
    void tellsThePartnerThatTheTenantVerifiesItsNewCertificateAndAtTheEndRemovedItsOldOne() {
        Playbook playbook = Playbook.TENANT_VERIFIES_OUTBOUND_RESPONSE;
        publish.event("started-" + renewalId, new RenewalStarted(renewalId, "partner-verifier", partnerId, playbook,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, KeyPairActivation.NONE, null, PartnerRole.RECEIVER_ADMINISTRATOR));
        publish.event("switched-" + renewalId, new PartnerSwitchedToNewKey(renewalId, partnerId, "acme-2",
                STARTED_AT.plus(Duration.ofDays(91)), STARTED_AT.plus(Duration.ofDays(1))));
        publish.event("completed-" + renewalId, new RenewalCompleted(renewalId, "partner-verifier", partnerId,
                STARTED_AT.plus(Duration.ofDays(91))));

        PartnerNotification switched = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "switched-" + renewalId + ":RECEIVER_ADMINISTRATOR")).value(), PartnerNotification.class);
        PartnerNotification completed = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "completed-" + renewalId + ":RECEIVER_ADMINISTRATOR")).value(), PartnerNotification.class);

        assertThat(switched.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(switched.body()).contains("now verifies your signatures for the alias \"partner-verifier\" with"
                + " your new certificate").contains("keeps your old certificate until "
                + STARTED_AT.plus(Duration.ofDays(91)));
        assertThat(completed.kind()).isEqualTo(NotificationKind.RENEWAL_COMPLETED);
        assertThat(completed.body())
                .contains("The tenant removed your old certificate from its keystore (alias \"partner-verifier\")")
                .contains("You may now retire your old key pair")
                .doesNotContain("removed the old key pair");
    }

    @Test
    void tellsTheReceiverWhomTheTenantEncryptsToOfTheUndeployTheSwapOfItsKeyAndTheRedeploy() {
        // playbook 11, as its events say it: what the later messages say comes from what the service kept of them
        Playbook playbook = Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME;
        Instant windowStart = STARTED_AT.plus(Duration.ofDays(1));
        Instant windowEnd = windowStart.plus(Duration.ofHours(2));
        publish.event("started-" + renewalId, new RenewalStarted(renewalId, "partner-encryption", partnerId, playbook,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, KeyPairActivation.NONE, null, PartnerRole.RECEIVER_ADMINISTRATOR,
                PartnerCertificateUse.ENCRYPT_TO_PARTNER));
        publish.event("agreed-" + renewalId, new DowntimeAgreed(renewalId, partnerId, "acme-1", windowStart, windowEnd,
                STARTED_AT.plusSeconds(60), null, null));
        publish.event("undeployed-" + renewalId, new IntegrationFlowUndeployed(renewalId, partnerId, "integration-dev",
                windowStart));
        publish.event("requested-" + renewalId, new PartnerCertificateRequested(renewalId, "partner-encryption",
                partnerId, PartnerRole.RECEIVER_ADMINISTRATOR, playbook, windowStart.plusSeconds(60), null,
                ConfirmationType.NEW_CERTIFICATE, PartnerCertificateUse.ENCRYPT_TO_PARTNER));
        publish.event("imported-" + renewalId, new PartnerCertificateImported(renewalId, "partner-encryption",
                partnerId, PartnerRole.RECEIVER_ADMINISTRATOR, playbook, CERTIFICATE.ref(), null,
                windowStart.plusSeconds(600), null, null, PartnerCertificateUse.ENCRYPT_TO_PARTNER,
                windowStart.plus(Duration.ofDays(90))));
        publish.event("redeployed-" + renewalId, new IntegrationFlowRedeployed(renewalId, partnerId, "integration-dev",
                windowStart.plusSeconds(900)));
        publish.event("completed-" + renewalId, new RenewalCompleted(renewalId, "partner-encryption", partnerId,
                windowStart.plus(Duration.ofDays(90))));

        PartnerNotification agreed = receivedBy("agreed-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification undeployed = receivedBy("undeployed-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification requested = receivedBy("requested-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification imported = receivedBy("imported-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification redeployed = receivedBy("redeployed-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification completed = receivedBy("completed-", PartnerRole.RECEIVER_ADMINISTRATOR);

        assertThat(agreed.expectedConfirmation()).isNull();
        assertThat(agreed.body()).contains("its integration developer undeploys the integration flow that uses the"
                + " alias").doesNotContain("SENDING_STOPPED");
        assertThat(undeployed.subject()).startsWith("The tenant stopped sending: integration flow undeployed");
        assertThat(undeployed.body()).contains("The tenant stopped sending you messages at " + windowStart);
        assertThat(requested.body()).as("the downtime agreed before, as the service recorded it")
                .contains("No messages flow between you and the tenant now (the agreed downtime)")
                .contains("it encrypts the messages it sends you to it");
        assertThat(imported.expectedConfirmation()).isNull();
        assertThat(imported.body()).contains("Nothing to confirm: the tenant's integration developer redeploys the"
                + " integration flow that uses the alias next");
        assertThat(redeployed.subject()).startsWith("The tenant sends again: integration flow redeployed");
        assertThat(redeployed.body()).contains("the tenant sends you messages again, encrypted to your new"
                + " certificate");
        assertThat(completed.body()).as("the use of the certificate, as the service remembered it from the start")
                .contains("the tenant encrypts the messages it sends you only to your new certificate")
                .doesNotContain("verifies your signatures");
        assertThat(List.of(agreed, undeployed, requested, imported, redeployed, completed))
                .allSatisfy(notification -> assertThat(notification.partnerId()).isEqualTo(partnerId));
        assertThat(knownRenewals.find(renewalId)).get()
                .extracting(KnownRenewal::partnerCertificateUse, KnownRenewal::downtimeUntil)
                .containsExactly(PartnerCertificateUse.ENCRYPT_TO_PARTNER, windowEnd);
    }

    @Test
    void remembersARenewalOfThePartnersCertificateFromItsRequestAsFromTheCertificateProvided() {
        // as when the service first reads the topic after the renewal started
        publish.event("requested-" + renewalId, new PartnerCertificateRequested(renewalId, "partner-signer", partnerId,
                PartnerRole.RECEIVER_ADMINISTRATOR, Playbook.TENANT_DECRYPTS_INBOUND_REQUEST, STARTED_AT, null,
                ConfirmationType.NEW_CERTIFICATE));
        publish.event("received-" + renewalId, new PartnerCertificateReceived(renewalId, "partner-signer", partnerId,
                "acme-1", CERTIFICATE, STARTED_AT.plusSeconds(60)));

        PartnerNotification received = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "received-" + renewalId + ":RECEIVER_ADMINISTRATOR")).value(), PartnerNotification.class);
        assertThat(received.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(knownRenewals.find(renewalId)).get().extracting(KnownRenewal::recipient, KnownRenewal::renewedKey)
                .containsExactly(PartnerRole.RECEIVER_ADMINISTRATOR, RenewedKey.PARTNER_CERTIFICATE);
    }
}
