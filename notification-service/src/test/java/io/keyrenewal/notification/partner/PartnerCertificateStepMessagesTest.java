package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages to the partner in the renewal of its certificate that the tenant verifies with: playbooks 6 and 7. */
class PartnerCertificateStepMessagesTest extends StepMessagesFixture {

    @Test
    void asksThePartnerForTheCertificateOfItsNewKeyPair() {
        Told told = tell(PARTNER_CERTIFICATE, new PartnerCertificateRequested(RENEWAL, "partner-signer", PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, PARTNER_CERTIFICATE.playbook(), AT, AT.plus(Duration.ofDays(7)),
                ConfirmationType.NEW_CERTIFICATE));

        told.is(NotificationKind.PARTNER_CERTIFICATE_REQUESTED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.NEW_CERTIFICATE);
        assertThat(told.rendered().text()).contains("create a new key pair in your sender system")
                .contains("\"certificate\":\"<PEM of your new certificate>\"");
    }

    @Test
    void tellsThePartnerItsNewCertificateIsImportedAndAsksItToSwitchToItsNewKey() {
        Told told = tell(PARTNER_CERTIFICATE, new PartnerCertificateImported(RENEWAL, "partner-signer", PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, PARTNER_CERTIFICATE.playbook(), PARTNERS_NEW.ref(), NEW, AT,
                AT.plus(Duration.ofDays(7)), ConfirmationType.SWITCHED_TO_NEW_KEY));

        told.is(NotificationKind.PARTNER_CERTIFICATE_IMPORTED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(told.rendered().text()).contains(PARTNERS_NEW.sha256().value()).contains(NEW.sha256().value())
                .contains("sign the messages you send to the tenant with your new key, the one whose certificate the"
                        + " tenant imported now");
    }

    @Test
    void acknowledgesThePartnersNewCertificateByFingerprintSubjectAndSerialAndAsksToKeepTheOldKeyForNow() {
        Told told = tell(PARTNER_CERTIFICATE, new PartnerCertificateReceived(RENEWAL, "partner-signer", PARTNER,
                "acme-7", PARTNERS_NEW, AT));

        told.is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null);
        assertThat(told.rendered().subject())
                .contains("Confirmation received: NEW_CERTIFICATE for alias partner-signer");
        assertThat(told.rendered().text())
                .startsWith("Hello sender administrator of partner acme,")
                .contains("accepted your confirmation acme-7 (NEW_CERTIFICATE)")
                .contains("received your new certificate (SHA-256 fingerprint " + PARTNERS_NEW.sha256().value()
                        + ", subject " + PARTNERS_NEW.subject() + ", serial " + PARTNERS_NEW.serialNumber() + ")")
                .contains("Keep using your old key");
    }

    @Test
    void acknowledgesThePartnersSwitchToItsNewKeyAsTheTenantVerifyingWithItsNewCertificateAndKeepingItsOldOne() {
        PartnerSwitchedToNewKey switched = new PartnerSwitchedToNewKey(RENEWAL, PARTNER, "acme-8",
                Instant.parse("2027-02-20T10:00:00Z"), AT);

        String partners = tell(PARTNER_CERTIFICATE, switched)
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text();
        String tenants = tell(PLAYBOOK_3, switched).rendered().text();

        assertThat(partners)
                .contains("accepted your confirmation acme-8 (SWITCHED_TO_NEW_KEY)")
                .contains("now verifies your signatures for the alias \"partner-signer\" with your new certificate")
                .contains("keeps your old certificate until 2027-02-20T10:00:00Z so that messages signed with your"
                        + " old key that are still on their way still verify")
                .doesNotContain("encrypts").doesNotContain("keeps the old key pair").doesNotContain("decrypted");
        assertThat(tenants).contains("Your system now encrypts with the new certificate")
                .contains("keeps the old key pair until 2027-02-20T10:00:00Z")
                .doesNotContain("your old certificate");
    }

    @Test
    void remindsAndEscalatesTheSwitchToThePartnersNewKeyAsSigningWithIt() {
        PartnerStepOverdue overdue = new PartnerStepOverdue(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.SWITCHED_TO_NEW_KEY, Instant.parse("2026-11-20T10:00:00Z"), AT);
        PartnerStepEscalated escalated = new PartnerStepEscalated(RENEWAL, PARTNER,
                ConfirmationType.SWITCHED_TO_NEW_KEY, Instant.parse("2026-11-20T10:00:00Z"), AT);

        assertThat(tell(PARTNER_CERTIFICATE, overdue).rendered().text())
                .contains("Please sign the messages you send to the tenant with your new key, the one whose"
                        + " certificate the tenant imported, then confirm SWITCHED_TO_NEW_KEY")
                .doesNotContain("encrypt");
        assertThat(tell(PARTNER_CERTIFICATE, escalated).rendered().text())
                .contains("Contact the sender administrator of partner acme: they must sign the messages you send"
                        + " to the tenant with your new key")
                .doesNotContain("encrypt");
        assertThat(tell(PLAYBOOK_3, overdue).rendered().text()).contains("Please encrypt the payloads you send to the"
                + " tenant with the new certificate and remove the old one, then confirm SWITCHED_TO_NEW_KEY");
    }

    @Test
    void remindsThePartnerOfItsOverdueNewCertificateWithTheCertificateFieldToFillIn() {
        Told told = tell(PARTNER_CERTIFICATE, new PartnerStepOverdue(RENEWAL, PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.NEW_CERTIFICATE,
                Instant.parse("2026-11-20T10:00:00Z"), AT));

        told.is(NotificationKind.STEP_OVERDUE, PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.NEW_CERTIFICATE);
        assertThat(told.rendered().text())
                .contains("Please create a new key pair and send the certificate of the new key pair (PEM, never its"
                        + " private key) in the confirmation's certificate field, then confirm NEW_CERTIFICATE")
                .contains("\"type\":\"NEW_CERTIFICATE\",\"confirmedAt\":\"<ISO-8601 instant>\","
                        + "\"certificate\":\"<PEM of your new certificate>\"}");
    }

    @Test
    void tellsThePartnerThatTheRenewalOfItsCertificateEndedWithItsOldCertificateRemovedOrWasAbortedBeforeTheImport() {
        RenewalCompleted completed = new RenewalCompleted(RENEWAL, "partner-signer", PARTNER, AT);
        RenewalAborted aborted = new RenewalAborted(RENEWAL, "partner-signer", PARTNER, "the partner asked to"
                + " postpone", "tenant-admin", null, AT);

        assertThat(tell(PARTNER_CERTIFICATE, completed)
                .is(NotificationKind.RENEWAL_COMPLETED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text())
                .contains("The tenant removed your old certificate from its keystore (alias \"partner-signer\")")
                .contains("The renewal renewal-2 is complete")
                .contains("You may now retire your old key pair")
                .doesNotContain("removed the old key pair").doesNotContain("tenant's old certificate");
        assertThat(tell(PARTNER_CERTIFICATE, aborted)
                .is(NotificationKind.RENEWAL_ABORTED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text())
                .contains("aborted the renewal renewal-2 of your certificate under the alias \"partner-signer\""
                        + " before importing a new one: the partner asked to postpone")
                .contains("Keep signing with your old key")
                .contains("The certificate you sent for this renewal, if any, is not used")
                .doesNotContain("tenant's old certificate").doesNotContain("downtime");
        assertThat(tell(PLAYBOOK_1, completed).rendered().text())
                .contains("If your system still holds the tenant's old certificate, you may delete it.");
    }
}
