package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.notification.TestCertificates;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.RenewedKey;
import io.keyrenewal.notification.template.RenderedMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StepMessagesTest {

    private static final RenewalId RENEWAL = new RenewalId("renewal-2");
    private static final PartnerId PARTNER = new PartnerId("acme");
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant WINDOW_START = Instant.parse("2026-11-29T22:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-11-29T23:00:00Z");
    private static final KnownRenewal PLAYBOOK_1 = new KnownRenewal(RENEWAL, PARTNER, "signer",
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, PartnerRole.SENDER_ADMINISTRATOR);
    private static final KnownRenewal PLAYBOOK_2 = new KnownRenewal(RENEWAL, PARTNER, "signer",
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, PartnerRole.SENDER_ADMINISTRATOR);
    private static final KnownRenewal PLAYBOOK_3 = new KnownRenewal(RENEWAL, PARTNER, "decryptor",
            Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, PartnerRole.RECEIVER_ADMINISTRATOR);
    /** A renewal of the partner's certificate, as its events said: its messages read them, not the playbook. */
    private static final KnownRenewal PARTNER_CERTIFICATE = new KnownRenewal(RENEWAL, PARTNER, "partner-signer",
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, PartnerRole.SENDER_ADMINISTRATOR,
            RenewedKey.PARTNER_CERTIFICATE);
    private static final CertificateInfo PARTNERS_NEW = TestCertificates.decryptor();
    private static final CertificateRef NEW = new CertificateRef(new Fingerprint("ab".repeat(32)), "CN=tenant",
            "0a1b");

    private final StepMessages messages = new StepMessages(new CertificateProvidedMessage(), new DowntimeMessages(),
            new ExchangeMessage(), new ConfirmationReceivedMessages(), new OverdueStepMessages(),
            new RenewalEndMessages(), new KeystoreFailureMessage(), new StepRefusedMessage(),
            new PartnerCertificateMessages(), new IntegrationFlowMessages());

    @Test
    void asksTheSenderToAcceptTheProposedDowntimeBeforeTheWindowStarts() {
        Told told = tell(PLAYBOOK_2, new DowntimeProposed(RENEWAL, PARTNER, WINDOW_START, WINDOW_END, "tenant-admin",
                AT));

        told.is(NotificationKind.DOWNTIME_PROPOSED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.DOWNTIME_ACCEPTED);
        assertThat(told.rendered.subject()).contains("2026-11-29T22:00:00Z to 2026-11-29T23:00:00Z");
        assertThat(told.rendered.text()).contains("By when: Before the window starts at 2026-11-29T22:00:00Z");
    }

    @Test
    void tellsTheSenderToStopAtTheWindowStartThenExchangeAndShowsBothConfirmations() {
        Told told = tell(PLAYBOOK_2, new DowntimeAgreed(RENEWAL, PARTNER, "acme-1", WINDOW_START, WINDOW_END, AT));

        told.is(NotificationKind.DOWNTIME_AGREED, PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.SENDING_STOPPED);
        assertThat(told.rendered.text())
                .contains("stop sending signed messages to the tenant")
                .contains("Stop at 2026-11-29T22:00:00Z, not earlier")
                .contains("\"type\":\"SENDING_STOPPED\"")
                .contains("\"type\":\"CERTIFICATE_EXCHANGED\"");
        assertThat(told.rendered.html()).contains("&quot;type&quot;:&quot;CERTIFICATE_EXCHANGED&quot;");
    }

    @Test
    void asksThePartnerForTheCertificateOfItsNewKeyPair() {
        Told told = tell(PARTNER_CERTIFICATE, new PartnerCertificateRequested(RENEWAL, "partner-signer", PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, PARTNER_CERTIFICATE.playbook(), AT, AT.plus(Duration.ofDays(7)),
                ConfirmationType.NEW_CERTIFICATE));

        told.is(NotificationKind.PARTNER_CERTIFICATE_REQUESTED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.NEW_CERTIFICATE);
        assertThat(told.rendered.text()).contains("create a new key pair in your sender system")
                .contains("\"certificate\":\"<PEM of your new certificate>\"");
    }

    @Test
    void tellsThePartnerItsNewCertificateIsImportedAndAsksItToSwitchToItsNewKey() {
        Told told = tell(PARTNER_CERTIFICATE, new PartnerCertificateImported(RENEWAL, "partner-signer", PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, PARTNER_CERTIFICATE.playbook(), PARTNERS_NEW.ref(), NEW, AT,
                AT.plus(Duration.ofDays(7)), ConfirmationType.SWITCHED_TO_NEW_KEY));

        told.is(NotificationKind.PARTNER_CERTIFICATE_IMPORTED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(told.rendered.text()).contains(PARTNERS_NEW.sha256().value()).contains(NEW.sha256().value())
                .contains("sign the messages you send to the tenant with your new key, the one whose certificate the"
                        + " tenant imported now");
    }

    @Test
    void tellsTheSenderOfPlaybookOneItMayNowRemoveTheOldCertificate() {
        Told told = tell(PLAYBOOK_1, new PartnerInformedOfExchange(RENEWAL, PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, NEW, AT));

        told.is(NotificationKind.KEY_PAIR_EXCHANGED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.OLD_CERTIFICATE_REMOVED);
        assertThat(told.rendered.text()).contains("remove the tenant's old certificate from your system: you may do "
                + "so now").contains(NEW.sha256().value());
    }

    @Test
    void aMessageThatAsksForAStepCarriesItsRespondByDate() {
        Instant respondBy = AT.plus(Duration.ofDays(3));
        Told proposed = tell(PLAYBOOK_2, new DowntimeProposed(RENEWAL, PARTNER, WINDOW_START, WINDOW_END,
                "tenant-admin", AT, respondBy));
        Told exchanged = tell(PLAYBOOK_1, new PartnerInformedOfExchange(RENEWAL, PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, NEW, AT,
                respondBy));
        Told agreed = tell(PLAYBOOK_2, new DowntimeAgreed(RENEWAL, PARTNER, "acme-1", WINDOW_START, WINDOW_END, AT,
                respondBy));

        assertThat(proposed.message.expectedConfirmation().respondBy()).isEqualTo(respondBy);
        assertThat(proposed.rendered.text()).contains("By when: Before the window starts at 2026-11-29T22:00:00Z."
                + " Respond by 2026-11-25T10:00:00Z: after that the step counts as overdue");
        assertThat(exchanged.message.expectedConfirmation().respondBy()).isEqualTo(respondBy);
        assertThat(exchanged.rendered.text()).contains("By when: Respond by 2026-11-25T10:00:00Z");
        assertThat(agreed.message.expectedConfirmation().respondBy()).isEqualTo(respondBy);
        assertThat(tell(PLAYBOOK_1, new PartnerInformedOfExchange(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, NEW, AT)).message.expectedConfirmation()
                .respondBy()).as("recorded before respond-by dates").isNull();
    }

    @Test
    void tellsTheSenderOfPlaybookTwoToResumeSending() {
        Told told = tell(PLAYBOOK_2, new PartnerInformedOfExchange(RENEWAL, PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, NEW, AT));

        told.is(NotificationKind.KEY_PAIR_EXCHANGED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.SENDING_RESUMED);
        assertThat(told.rendered.text()).contains("start sending messages to the tenant again");
    }

    @Test
    void acknowledgesEachPartnerConfirmationAndSaysWhatComesNext() {
        assertThat(tell(PLAYBOOK_1, new PartnerVerifiesBoth(RENEWAL, PARTNER, "acme-1", AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text())
                .contains("accepted your confirmation acme-1 (VERIFIES_BOTH)").contains("Keep verifying both keys");
        assertThat(tell(PLAYBOOK_3, new PartnerSwitchedToNewKey(RENEWAL, PARTNER, "acme-2",
                Instant.parse("2027-02-20T10:00:00Z"), AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.RECEIVER_ADMINISTRATOR, null).rendered.text())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("keeps the old key pair until 2027-02-20T10:00:00Z");
        assertThat(tell(PLAYBOOK_2, new SenderStoppedSending(RENEWAL, PARTNER, "acme-3", AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR,
                        ConfirmationType.CERTIFICATE_EXCHANGED).rendered.text())
                .contains("Next: exchange the tenant's old certificate");
        assertThat(tell(PLAYBOOK_2, new SenderExchangedCertificate(RENEWAL, PARTNER, "acme-4", AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text())
                .contains("no message signed with the old key is still in its system");
        assertThat(tell(PLAYBOOK_1, new PartnerRemovedOldCertificate(RENEWAL, PARTNER, "acme-5", AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text())
                .contains("verifies only the new key");
        assertThat(tell(PLAYBOOK_2, new SenderResumedSending(RENEWAL, PARTNER, "acme-6", Duration.ofMinutes(42),
                WINDOW_START, WINDOW_END, AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text())
                .contains("actual downtime was PT42M against the agreed window from 2026-11-29T22:00:00Z");
    }

    @Test
    void acknowledgesThePartnersNewCertificateByFingerprintSubjectAndSerialAndAsksToKeepTheOldKeyForNow() {
        Told told = tell(PARTNER_CERTIFICATE, new PartnerCertificateReceived(RENEWAL, "partner-signer", PARTNER,
                "acme-7", PARTNERS_NEW, AT));

        told.is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null);
        assertThat(told.rendered.subject()).contains("Confirmation received: NEW_CERTIFICATE for alias partner-signer");
        assertThat(told.rendered.text())
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
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text();
        String tenants = tell(PLAYBOOK_3, switched).rendered.text();

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

        assertThat(tell(PARTNER_CERTIFICATE, overdue).rendered.text())
                .contains("Please sign the messages you send to the tenant with your new key, the one whose"
                        + " certificate the tenant imported, then confirm SWITCHED_TO_NEW_KEY")
                .doesNotContain("encrypt");
        assertThat(tell(PARTNER_CERTIFICATE, escalated).rendered.text())
                .contains("Contact the sender administrator of partner acme: they must sign the messages you send"
                        + " to the tenant with your new key")
                .doesNotContain("encrypt");
        assertThat(tell(PLAYBOOK_3, overdue).rendered.text()).contains("Please encrypt the payloads you send to the"
                + " tenant with the new certificate and remove the old one, then confirm SWITCHED_TO_NEW_KEY");
    }

    @Test
    void remindsThePartnerOfAnOverdueStepWithThePayloadToSendAgain() {
        Told told = tell(PLAYBOOK_1, new PartnerStepOverdue(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.VERIFIES_BOTH, Instant.parse("2026-11-20T10:00:00Z"), AT));

        told.is(NotificationKind.STEP_OVERDUE, PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.VERIFIES_BOTH);
        assertThat(told.rendered.text()).contains("waiting since 2026-11-20T10:00:00Z")
                .contains("verify payloads signed with the old key and with the new certificate")
                .contains("\"type\":\"VERIFIES_BOTH\"");
    }

    @Test
    void remindsThePartnerOfItsOverdueNewCertificateWithTheCertificateFieldToFillIn() {
        Told told = tell(PARTNER_CERTIFICATE, new PartnerStepOverdue(RENEWAL, PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.NEW_CERTIFICATE,
                Instant.parse("2026-11-20T10:00:00Z"), AT));

        told.is(NotificationKind.STEP_OVERDUE, PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.NEW_CERTIFICATE);
        assertThat(told.rendered.text())
                .contains("Please create a new key pair and send the certificate of the new key pair (PEM, never its"
                        + " private key) in the confirmation's certificate field, then confirm NEW_CERTIFICATE")
                .contains("\"type\":\"NEW_CERTIFICATE\",\"confirmedAt\":\"<ISO-8601 instant>\","
                        + "\"certificate\":\"<PEM of your new certificate>\"}");
    }

    @Test
    void alertsTheTenantAdministratorOfAnEscalatedStepAndOfADowntimeOverrun() {
        Told escalated = tell(PLAYBOOK_1, new PartnerStepEscalated(RENEWAL, PARTNER, ConfirmationType.VERIFIES_BOTH,
                Instant.parse("2026-11-20T10:00:00Z"), AT));
        Told overrun = tell(PLAYBOOK_2, new DowntimeOverrun(RENEWAL, PARTNER, WINDOW_END, AT));

        escalated.is(NotificationKind.STEP_ESCALATED, PartnerRole.TENANT_ADMINISTRATOR, null);
        overrun.is(NotificationKind.DOWNTIME_OVERRUN, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(escalated.rendered.text()).startsWith("Hello tenant administrator,")
                .contains("Contact the sender administrator of partner acme");
        assertThat(overrun.rendered.text()).contains("ended at 2026-11-29T23:00:00Z")
                .contains("the sender has not resumed sending");
    }

    @Test
    void tellsTheTenantAdministratorWhichWaysOutAKeystoreFailureLeaves() {
        Told removal = tell(PLAYBOOK_3, new KeystoreFailureRecorded(RENEWAL, "report-1", "REMOVE",
                "retention not elapsed until 2027-03-01T00:00:00Z (keystore time 2027-02-27T00:00:00Z)", AT));
        Told exchange = tell(PLAYBOOK_1, new KeystoreFailureRecorded(RENEWAL, "report-2", "EXCHANGE",
                "alias 'signer' holds no staged key pair with certificate ab", AT));

        removal.is(NotificationKind.KEYSTORE_STEP_FAILED, PartnerRole.TENANT_ADMINISTRATOR, null);
        exchange.is(NotificationKind.KEYSTORE_STEP_FAILED, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(removal.rendered.subject()).contains("the keystore failed a step of renewal renewal-2");
        assertThat(removal.rendered.text()).contains("could not carry out REMOVE for renewal renewal-2")
                .contains("retention not elapsed").contains("POST /renewals/renewal-2/keystore-retry")
                .contains("POST /renewals/renewal-2/keystore-resolution");
        assertThat(exchange.rendered.text()).contains("POST /renewals/renewal-2/keystore-retry")
                .contains("abort it: POST /renewals/renewal-2/abort").doesNotContain("keystore-resolution");
    }

    @Test
    void tellsTheTenantAdministratorThatTheKeystoreCouldNotImportThePartnersCertificateAndThatItMayRetryOrAbort() {
        Told told = tell(PARTNER_CERTIFICATE, new KeystoreFailureRecorded(RENEWAL, "report-6", "IMPORT",
                "alias 'partner-signer' holds key pairs, not a partner's certificates", AT));

        told.is(NotificationKind.KEYSTORE_STEP_FAILED, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(told.rendered.text())
                .contains("The keystore could not import the partner's new certificate (IMPORT) for renewal"
                        + " renewal-2 (alias \"partner-signer\", partner acme): alias 'partner-signer' holds key"
                        + " pairs, not a partner's certificates. The renewal waits until the step is done.")
                .contains("still verifies the partner's signatures with its current certificate")
                .contains("retry the step: POST /renewals/renewal-2/keystore-retry")
                .contains("abort the renewal: POST /renewals/renewal-2/abort with the reason (renewalctl abort"
                        + " renewal-2 --reason ...); the keystore keeps the partner's current certificate")
                .contains("Start a new renewal of the alias (POST /renewals) to ask the partner for another"
                        + " certificate")
                .doesNotContain("contact the operators").doesNotContain("keystore-resolution");
    }

    @Test
    void offersToLeaveThePartnersOldCertificateInTheKeystoreWhenItsRemovalFails() {
        KeystoreFailureRecorded removal = new KeystoreFailureRecorded(RENEWAL, "report-7", "REMOVE",
                "keystore file is read-only", AT);

        assertThat(tell(PARTNER_CERTIFICATE, removal).rendered.text())
                .contains("if the partner's old certificate may stay in the keystore, settle it:"
                        + " POST /renewals/renewal-2/keystore-resolution")
                .doesNotContain("old key pair");
        assertThat(tell(PLAYBOOK_3, removal).rendered.text())
                .contains("if the old key pair may stay archived, settle it");
    }

    @Test
    void tellsTheTenantOfTheFirstKeystoreFailureOfASeriesAndWhenTheRenewalStopsRetryingItself() {
        Instant nextRetry = AT.plusSeconds(60);
        Told first = tell(PLAYBOOK_1, new KeystoreFailureRecorded(RENEWAL, "report-3", "EXCHANGE", "database down",
                AT, 0, nextRetry));
        KeystoreFailureRecorded between = new KeystoreFailureRecorded(RENEWAL, "report-4", "EXCHANGE",
                "database down", AT.plusSeconds(61), 1, AT.plusSeconds(301));
        Told last = tell(PLAYBOOK_1, new KeystoreFailureRecorded(RENEWAL, "report-5", "EXCHANGE", "database down",
                AT.plusSeconds(9000), 5, null));

        assertThat(first.rendered.text()).contains("retries the step by itself at " + nextRetry);
        assertThat(messages.tellsSomeone(between)).isFalse();
        assertThat(messages.of(PLAYBOOK_1, between)).isEmpty();
        assertThat(last.rendered.text()).contains("does not go on by itself (it retried the step 5 times)");
    }

    @Test
    void tellsTheTenantAdministratorThePartnersReasonForARefusalAndWhatTheRenewalStillAllows() {
        Told beforeTheExchange = tell(PLAYBOOK_1, new PartnerRefusedStep(RENEWAL, PARTNER,
                ConfirmationType.VERIFIES_BOTH, "our verifier holds one <certificate> per partner", "ONE_KEY_ONLY",
                "c-1", AT));
        Told afterTheExchange = tell(PLAYBOOK_1, new PartnerRefusedStep(RENEWAL, PARTNER,
                ConfirmationType.OLD_CERTIFICATE_REMOVED, "signature errors with the new key", null, "c-2", AT));
        Told noWayBack = tell(PLAYBOOK_2, new PartnerRefusedStep(RENEWAL, PARTNER, ConfirmationType.SENDING_RESUMED,
                "our release is frozen", null, "c-3", AT));
        Told receiver = tell(PLAYBOOK_3, new PartnerRefusedStep(RENEWAL, PARTNER,
                ConfirmationType.SWITCHED_TO_NEW_KEY, "RSA-3072 only", "KEY_ALGORITHM", "c-4", AT));

        beforeTheExchange.is(NotificationKind.STEP_REFUSED, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(beforeTheExchange.rendered.subject())
                .isEqualTo("Refused: partner acme refused its step VERIFIES_BOTH for alias signer (renewal renewal-2)");
        assertThat(beforeTheExchange.rendered.text())
                .contains("The sender administrator of partner acme refused to configure your system to verify")
                .contains("saying: \"our verifier holds one <certificate> per partner\" (code ONE_KEY_ONLY)")
                .contains("The step stays awaited").contains("Its code: ONE_KEY_ONLY")
                .contains("provide another certificate: abort this renewal, POST /renewals/renewal-2/abort")
                .contains("start a new renewal of the alias (POST /renewals)")
                .contains("confirms VERIFIES_BOTH after all");
        assertThat(beforeTheExchange.rendered.html()).contains("one &lt;certificate&gt; per partner")
                .doesNotContain("<certificate>");
        assertThat(afterTheExchange.rendered.text()).contains("can no longer be aborted")
                .contains("POST /renewals/renewal-2/rollback").doesNotContain("(code").doesNotContain("Its code");
        assertThat(noWayBack.rendered.text()).contains("neither aborted nor rolled back")
                .doesNotContain("/abort").doesNotContain("/rollback");
        assertThat(receiver.rendered.text()).contains("The receiver administrator of partner acme refused to encrypt")
                .contains("cannot be aborted").contains("confirms SWITCHED_TO_NEW_KEY after all")
                .doesNotContain("/abort");
    }

    @Test
    void tellsTheTenantAdministratorThatAPartnerWhoRefusesToSendItsNewCertificateLeavesTheRenewalAbortable() {
        Told refused = tell(PARTNER_CERTIFICATE, new PartnerRefusedStep(RENEWAL, PARTNER,
                ConfirmationType.NEW_CERTIFICATE, "our HSM is being replaced", null, "c-5", AT));

        refused.is(NotificationKind.STEP_REFUSED, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(refused.rendered.text())
                .contains("The sender administrator of partner acme refused to create a new key pair and send the"
                        + " certificate of the new key pair (PEM, never its private key)")
                .contains("nothing changed on either side")
                .contains("abort this renewal if the partner cannot renew its key pair now: "
                        + "POST /renewals/renewal-2/abort")
                .contains("confirms NEW_CERTIFICATE after all")
                .doesNotContain("null");
    }

    @Test
    void tellsTheTenantAdministratorThatARefusedSwitchToThePartnersNewKeyLeavesBothCertificatesVerifying() {
        PartnerRefusedStep refusal = new PartnerRefusedStep(RENEWAL, PARTNER, ConfirmationType.SWITCHED_TO_NEW_KEY,
                "our signer cannot hold the new key yet", null, "c-6", AT);

        Told refused = tell(PARTNER_CERTIFICATE, refusal);

        refused.is(NotificationKind.STEP_REFUSED, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(refused.rendered.text())
                .contains("The sender administrator of partner acme refused to sign the messages you send to the"
                        + " tenant with your new key")
                .contains("imported the partner's new certificate already, so the renewal can no longer be aborted")
                .contains("verifies the partner's signatures with its old certificate and with its new one")
                .contains("Contact the sender administrator of partner acme and agree with the partner what it"
                        + " needs, so that it confirms SWITCHED_TO_NEW_KEY after all")
                .doesNotContain("/abort").doesNotContain("decrypt").doesNotContain("receiver");
        assertThat(tell(PLAYBOOK_3, refusal).rendered.text())
                .contains("the new key pair already decrypts beside the old one");
    }

    @Test
    void tellsThePartnerThatTheRenewalOfItsCertificateEndedWithItsOldCertificateRemovedOrWasAbortedBeforeTheImport() {
        RenewalCompleted completed = new RenewalCompleted(RENEWAL, "partner-signer", PARTNER, AT);
        RenewalAborted aborted = new RenewalAborted(RENEWAL, "partner-signer", PARTNER, "the partner asked to"
                + " postpone", "tenant-admin", null, AT);

        assertThat(tell(PARTNER_CERTIFICATE, completed)
                .is(NotificationKind.RENEWAL_COMPLETED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text())
                .contains("The tenant removed your old certificate from its keystore (alias \"partner-signer\")")
                .contains("The renewal renewal-2 is complete")
                .contains("You may now retire your old key pair")
                .doesNotContain("removed the old key pair").doesNotContain("tenant's old certificate");
        assertThat(tell(PARTNER_CERTIFICATE, aborted)
                .is(NotificationKind.RENEWAL_ABORTED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text())
                .contains("aborted the renewal renewal-2 of your certificate under the alias \"partner-signer\""
                        + " before importing a new one: the partner asked to postpone")
                .contains("Keep signing with your old key")
                .contains("The certificate you sent for this renewal, if any, is not used")
                .doesNotContain("tenant's old certificate").doesNotContain("downtime");
        assertThat(tell(PLAYBOOK_1, completed).rendered.text())
                .contains("If your system still holds the tenant's old certificate, you may delete it.");
    }

    @Test
    void tellsThePartnerHowTheRenewalEnded() {
        assertThat(tell(PLAYBOOK_3, new RenewalCompleted(RENEWAL, "decryptor", PARTNER, AT))
                .is(NotificationKind.RENEWAL_COMPLETED, PartnerRole.RECEIVER_ADMINISTRATOR, null).rendered.text())
                .contains("removed the old key pair of the alias \"decryptor\"")
                .contains("The renewal renewal-2 is complete");
        assertThat(tell(PLAYBOOK_2, new RenewalAborted(RENEWAL, "signer", PARTNER, "the partner asked to postpone",
                "tenant-admin", null, AT))
                .is(NotificationKind.RENEWAL_ABORTED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text())
                .contains("aborted the renewal renewal-2").contains("the partner asked to postpone")
                .contains("Keep using the tenant's old certificate");
        assertThat(tell(PLAYBOOK_1, new KeyPairRolledBack(RENEWAL, "signer", PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, NEW, AT))
                .is(NotificationKind.RENEWAL_ROLLED_BACK, PartnerRole.SENDER_ADMINISTRATOR, null).rendered.text())
                .contains("signed with the old key again").contains("do NOT remove it");
    }

    @Test
    void eventsThatAskNothingOfAnyoneYieldNoMessage() {
        KeyPairExchanged exchanged = new KeyPairExchanged(RENEWAL, "signer", NEW, null, AT, AT);

        assertThat(messages.tellsSomeone(exchanged)).isFalse();
        assertThat(messages.of(PLAYBOOK_1, exchanged)).isEmpty();
    }

    /**
     * Playbooks 8 (the sender) and 10 (the receiver): the tenant encrypts to the partner's certificate, the partner
     * decrypts with its old and its new key until it confirms the switch. The messages read the renewal's use of the
     * certificate and its partner's role, not the playbook's name (the renewal here carries playbook 6's).
     */
    @Nested
    class TheTenantEncryptsToThePartnerWhoDecryptsWithBothKeys {

        private final KnownRenewal sender = encrypting(PartnerRole.SENDER_ADMINISTRATOR,
                Playbook.TENANT_VERIFIES_INBOUND_REQUEST);
        private final KnownRenewal receiver = encrypting(PartnerRole.RECEIVER_ADMINISTRATOR,
                Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_DECRYPT_BOTH);

        @Test
        void asksForTheNewCertificateSayingTheTenantEncryptsToItAndThatThePartnerDecryptsWithBothKeysMeanwhile() {
            Told told = tell(receiver, new PartnerCertificateRequested(RENEWAL, "partner-decryptor", PARTNER,
                    PartnerRole.RECEIVER_ADMINISTRATOR, receiver.playbook(), AT, null,
                    ConfirmationType.NEW_CERTIFICATE, PartnerCertificateUse.ENCRYPT_TO_PARTNER));

            told.is(NotificationKind.PARTNER_CERTIFICATE_REQUESTED, PartnerRole.RECEIVER_ADMINISTRATOR,
                    ConfirmationType.NEW_CERTIFICATE);
            assertThat(told.rendered.text()).contains("it encrypts the messages it sends you to it.")
                    .contains("configure it to decrypt with the new key AND with your old key (both at once)")
                    .doesNotContain("verifies your signatures");
        }

        @Test
        void acknowledgesTheCertificateAndAsksToKeepDecryptingWithBothKeysUntilTheImport() {
            Told told = tell(sender, new PartnerCertificateReceived(RENEWAL, "partner-decryptor", PARTNER, "acme-7",
                    PARTNERS_NEW, AT, PartnerCertificateUse.ENCRYPT_TO_PARTNER));

            told.is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null);
            assertThat(told.rendered.text()).contains("accepted your confirmation acme-7 (NEW_CERTIFICATE)")
                    .contains("Keep decrypting with your old and your new key: you will be told when the certificate"
                            + " is imported, from when on the tenant encrypts to it, and when you may remove your"
                            + " old key.")
                    .doesNotContain("switch to your new key");
        }

        @Test
        void acknowledgesTheSwitchAsDecryptingWithTheNewKeyOnlyWhileTheTenantKeepsTheOldCertificateUnused() {
            String text = tell(sender, new PartnerSwitchedToNewKey(RENEWAL, PARTNER, "acme-8",
                    Instant.parse("2027-02-20T10:00:00Z"), AT)).rendered.text();

            assertThat(text)
                    .contains("The tenant encrypts the messages it sends you for the alias \"partner-decryptor\" to"
                            + " your new certificate, and your sender system decrypts them with your new key only.")
                    .contains("keeps your old certificate in its keystore, unused, until 2027-02-20T10:00:00Z")
                    .doesNotContain("verifies your signatures").doesNotContain("signed with your old key")
                    .doesNotContain("Your system now encrypts");
        }

        @Test
        void remindsEscalatesAndReportsARefusalOfTheSwitchAsDecryptingWithTheNewKeyOnly() {
            String overdue = tell(receiver, new PartnerStepOverdue(RENEWAL, PARTNER,
                    PartnerRole.RECEIVER_ADMINISTRATOR, ConfirmationType.SWITCHED_TO_NEW_KEY, AT.minusSeconds(60),
                    AT)).rendered.text();
            String escalated = tell(receiver, new PartnerStepEscalated(RENEWAL, PARTNER,
                    ConfirmationType.SWITCHED_TO_NEW_KEY, AT.minusSeconds(60), AT)).rendered.text();
            String refused = tell(receiver, new PartnerRefusedStep(RENEWAL, PARTNER,
                    ConfirmationType.SWITCHED_TO_NEW_KEY, "still testing the new key", null, "c-9", AT))
                    .rendered.text();

            assertThat(overdue).contains("Please decrypt the messages the tenant sends you with your new key only and"
                    + " remove your old key, then confirm SWITCHED_TO_NEW_KEY").doesNotContain("sign the messages");
            assertThat(escalated).contains("Contact the receiver administrator of partner acme: they must decrypt the"
                    + " messages the tenant sends you with your new key only").doesNotContain("sign the messages");
            assertThat(refused).contains("refused to decrypt the messages the tenant sends you with your new key only")
                    .contains("Nothing is interrupted meanwhile: the tenant encrypts to the partner's new certificate,"
                            + " which the partner decrypts with its new key beside its old one")
                    .doesNotContain("verifies the partner's signatures").doesNotContain("/abort");
        }

        @Test
        void remindsOfTheNewCertificateAsAKeyPairToDecryptWithBesideTheOldOne() {
            assertThat(tell(sender, new PartnerStepOverdue(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                    ConfirmationType.NEW_CERTIFICATE, AT.minusSeconds(60), AT)).rendered.text())
                    .contains("Please create a new key pair, decrypt with it as well as with your old key, and send the"
                            + " certificate of the new key pair");
        }

        @Test
        void tellsTheTenantAFailedImportLeavesItEncryptingToThePartnersCurrentCertificate() {
            assertThat(tell(sender, new KeystoreFailureRecorded(RENEWAL, "report-8", "IMPORT", "RSA keys only",
                    AT)).rendered.text())
                    .contains("The tenant still encrypts what it sends the partner to its current certificate.")
                    .contains("the partner is told that the tenant goes on encrypting to it")
                    .doesNotContain("signatures").doesNotContain("signing");
        }

        @Test
        void endsWithThePreviousCertificateRemovedOrAbortedBeforeTheImportWithTheOldKeyStillDecrypting() {
            String completed = tell(sender, new RenewalCompleted(RENEWAL, "partner-decryptor", PARTNER, AT))
                    .rendered.text();
            String aborted = tell(sender, new RenewalAborted(RENEWAL, "partner-decryptor", PARTNER, "postponed",
                    "tenant-admin", null, AT)).rendered.text();

            assertThat(completed).contains("The tenant removed your previous certificate from its keystore")
                    .contains("the tenant encrypts the messages it sends you only to your new certificate")
                    .contains("If you still hold your old key pair, you may retire it")
                    .doesNotContain("verifies your signatures").doesNotContain("what it signs");
            assertThat(aborted).contains("Keep decrypting with your old key: the tenant still encrypts the messages it"
                    + " sends you to your current certificate.")
                    .doesNotContain("signing").doesNotContain("put the old one back");
        }
    }

    /**
     * Playbook 9: the sender decrypts with one key at a time; in the agreed window it stops sending, the tenant
     * confirms no message encrypted to the old certificate is left and asks for the new one, the sender swaps its key,
     * and resumes once the certificate is imported.
     */
    @Nested
    class TheSenderStopsSoThatItsKeyIsSwappedForTheTenantToEncryptTo {

        private final KnownRenewal beforeTheAgreement = encrypting(PartnerRole.SENDER_ADMINISTRATOR,
                Playbook.TENANT_ENCRYPTS_INBOUND_RESPONSE_WITH_DOWNTIME);
        private final KnownRenewal renewal = beforeTheAgreement.withDowntimeUntil(WINDOW_END);

        @Test
        void proposesADowntimeInWhichTheSenderSendsNothingWhileItReplacesItsKeyPair() {
            Told told = tell(beforeTheAgreement, new DowntimeProposed(RENEWAL, PARTNER, WINDOW_START, WINDOW_END,
                    "tenant-admin", AT));

            told.is(NotificationKind.DOWNTIME_PROPOSED, PartnerRole.SENDER_ADMINISTRATOR,
                    ConfirmationType.DOWNTIME_ACCEPTED);
            assertThat(told.rendered.text())
                    .contains("proposes a downtime window for the exchange of your certificate that it uses under the"
                            + " alias \"partner-decryptor\"")
                    .contains("During the window your sender system sends the tenant no messages, so that the tenant"
                            + " sends you none while you replace your key pair.")
                    .doesNotContain("signed").doesNotContain("undeploy");
        }

        @Test
        void asksTheSenderToStopAtTheWindowStartAndThenWaitForTheTenantsRequestNotToExchangeACertificate() {
            Told told = tell(beforeTheAgreement, new DowntimeAgreed(RENEWAL, PARTNER, "acme-1", WINDOW_START,
                    WINDOW_END, AT, AT.plusSeconds(3600), ConfirmationType.SENDING_STOPPED));

            told.is(NotificationKind.DOWNTIME_AGREED, PartnerRole.SENDER_ADMINISTRATOR,
                    ConfirmationType.SENDING_STOPPED);
            assertThat(told.rendered.subject()).isEqualTo("Action required at 2026-11-29T22:00:00Z: stop sending for"
                    + " alias partner-decryptor (renewal renewal-2)");
            assertThat(told.rendered.text())
                    .contains("stop sending messages to the tenant and confirm SENDING_STOPPED as shown below")
                    .contains("the tenant makes sure that no message it encrypted to your old certificate is still on"
                            + " its way, then asks you for the certificate of your new key pair.")
                    .contains("By when: Stop at 2026-11-29T22:00:00Z, not earlier.")
                    .doesNotContain("CERTIFICATE_EXCHANGED").doesNotContain("signed")
                    .doesNotContain("exchange the tenant's old certificate");
        }

        @Test
        void acknowledgesTheStopAndSaysTheTenantActsNextAskingNothing() {
            Told told = tell(renewal, new SenderStoppedSending(RENEWAL, PARTNER, "acme-3", AT, null));

            told.is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null);
            assertThat(told.rendered.text())
                    .contains("Next: the tenant makes sure that no message it sent you is still on its way encrypted"
                            + " to your old certificate, then asks you for the certificate of your new key pair.")
                    .contains("Do not send messages until the tenant tells you to resume.")
                    .doesNotContain("CERTIFICATE_EXCHANGED").doesNotContain("exchange the tenant's old certificate");
        }

        @Test
        void asksForTheNewCertificateToBeSwappedInAtOnceAndAcknowledgesItWithTheSenderStillStopped() {
            Told requested = tell(renewal, new PartnerCertificateRequested(RENEWAL, "partner-decryptor", PARTNER,
                    PartnerRole.SENDER_ADMINISTRATOR, renewal.playbook(), AT, null, ConfirmationType.NEW_CERTIFICATE,
                    PartnerCertificateUse.ENCRYPT_TO_PARTNER));
            Told received = tell(renewal, new PartnerCertificateReceived(RENEWAL, "partner-decryptor", PARTNER,
                    "acme-4", PARTNERS_NEW, AT, PartnerCertificateUse.ENCRYPT_TO_PARTNER));

            requested.is(NotificationKind.PARTNER_CERTIFICATE_REQUESTED, PartnerRole.SENDER_ADMINISTRATOR,
                    ConfirmationType.NEW_CERTIFICATE);
            assertThat(requested.rendered.text()).contains("No messages flow between you and the tenant now")
                    .contains("decrypt with it from now on, in place of your old key").doesNotContain("both at once");
            assertThat(received.rendered.text()).contains("You will be told when it is imported. Do not send messages"
                    + " until the tenant tells you to resume.").doesNotContain("Keep decrypting with your old");
        }

        @Test
        void remindsOfTheStopWithoutSpeakingOfSignedMessages() {
            assertThat(tell(renewal, new PartnerStepOverdue(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                    ConfirmationType.SENDING_STOPPED, AT.minusSeconds(60), AT)).rendered.text())
                    .contains("Please stop sending messages to the tenant at the start of the agreed downtime window")
                    .doesNotContain("signed");
        }

        @Test
        void tellsTheTenantWhatARefusalLeavesBeforeAndAfterTheImport() {
            String beforeTheImport = tell(renewal, new PartnerRefusedStep(RENEWAL, PARTNER,
                    ConfirmationType.SENDING_STOPPED, "peak season", null, "c-1", AT)).rendered.text();
            String afterTheImport = tell(renewal, new PartnerRefusedStep(RENEWAL, PARTNER,
                    ConfirmationType.SENDING_RESUMED, "our release is frozen", null, "c-2", AT)).rendered.text();

            assertThat(beforeTheImport).contains("The partner has not sent a new certificate, so nothing changed")
                    .contains("Traffic with this partner stays stopped for the agreed downtime")
                    .contains("POST /renewals/renewal-2/abort")
                    .doesNotContain("discards the new key pair").doesNotContain("keyAlgorithm");
            assertThat(afterTheImport).contains("The partner's new certificate is imported already and this playbook"
                    + " has no rollback, so the renewal can be neither aborted nor rolled back: contact the sender"
                    + " administrator now, traffic with this partner is interrupted until it resumes.")
                    .doesNotContain("key pair is exchanged").doesNotContain("/abort");
        }

        @Test
        void alertsTheTenantThatTheSenderHasNotResumedAndTellsAnAbortedSenderToPutItsOldKeyBack() {
            String overrun = tell(renewal, new DowntimeOverrun(RENEWAL, PARTNER, WINDOW_END, AT)).rendered.text();
            String aborted = tell(renewal, new RenewalAborted(RENEWAL, "partner-decryptor", PARTNER, "postponed",
                    "tenant-admin", null, AT)).rendered.text();

            assertThat(overrun).contains("the sender has not resumed sending")
                    .contains("Contact the sender administrator of partner acme").doesNotContain("redeploy");
            assertThat(aborted).contains("Keep decrypting with your old key")
                    .contains("If you replaced your old key with a new one for this renewal's downtime, put the old"
                            + " one back before messages flow again.");
        }
    }

    /**
     * Playbook 11: the receiver decrypts with one key at a time; in the agreed window the tenant undeploys its
     * integration flow, asks for the receiver's new certificate, imports it and redeploys the flow. Nothing is asked of
     * the receiver but its certificate.
     */
    @Nested
    class TheTenantUndeploysItsFlowSoThatTheReceiversKeyIsSwapped {

        private final KnownRenewal beforeTheAgreement = encrypting(PartnerRole.RECEIVER_ADMINISTRATOR,
                Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME);
        private final KnownRenewal renewal = beforeTheAgreement.withDowntimeUntil(WINDOW_END);

        @Test
        void proposesADowntimeInWhichTheTenantUndeploysItsFlowAndTheReceiverHasNothingToStop() {
            assertThat(tell(beforeTheAgreement, new DowntimeProposed(RENEWAL, PARTNER, WINDOW_START, WINDOW_END,
                    "tenant-admin", AT)).rendered.text())
                    .contains("During the window the tenant sends your receiver system no messages: its integration"
                            + " developer undeploys the integration flow that uses the alias at the window's start and"
                            + " redeploys it once the exchange is done. Your system has nothing to stop.")
                    .doesNotContain("your system sends no signed messages").doesNotContain("sender system");
        }

        @Test
        void confirmsTheAgreementAskingNothingAndSaysTheTenantAsksForTheNewCertificateOnceUndeployed() {
            Told told = tell(beforeTheAgreement, new DowntimeAgreed(RENEWAL, PARTNER, "acme-1", WINDOW_START,
                    WINDOW_END, AT, null, null));

            told.is(NotificationKind.DOWNTIME_AGREED, PartnerRole.RECEIVER_ADMINISTRATOR, null);
            assertThat(told.rendered.subject()).isEqualTo("Downtime agreed: the tenant stops sending at"
                    + " 2026-11-29T22:00:00Z for alias partner-decryptor (renewal renewal-2)");
            assertThat(told.rendered.text())
                    .contains("The tenant stops sending you messages at its start: its integration developer"
                            + " undeploys the integration flow that uses the alias.")
                    .contains("Once the flow is undeployed, the tenant asks you for the certificate of your new key"
                            + " pair; keep your old key until then.")
                    .doesNotContain("SENDING_STOPPED").doesNotContain("CERTIFICATE_EXCHANGED")
                    .doesNotContain("stop sending signed messages").doesNotContain("By when");
        }

        @Test
        void tellsTheReceiverThatTheTenantStoppedSendingAndWillAskForItsNewCertificate() {
            Told told = tell(renewal, new IntegrationFlowUndeployed(RENEWAL, PARTNER, "integration-dev",
                    WINDOW_START.plusSeconds(30)));

            told.is(NotificationKind.INTEGRATION_FLOW_UNDEPLOYED, PartnerRole.RECEIVER_ADMINISTRATOR, null);
            assertThat(told.message.template()).isEqualTo(IntegrationFlowMessages.TEMPLATE);
            assertThat(told.rendered.subject()).isEqualTo("The tenant stopped sending: integration flow undeployed"
                    + " for alias partner-decryptor (renewal renewal-2)");
            assertThat(told.rendered.text())
                    .contains("The tenant stopped sending you messages at 2026-11-29T22:00:30Z: its integration"
                            + " developer (integration-dev) undeployed the integration flow that uses the alias"
                            + " \"partner-decryptor\" (renewal id renewal-2). It sends you nothing until the flow is"
                            + " redeployed.")
                    .contains("The tenant asks you for what it needs next: the certificate of your new key pair.");
        }

        @Test
        void acknowledgesTheCertificateSayingTheTenantSendsNothingUntilItsFlowIsRedeployed() {
            assertThat(tell(renewal, new PartnerCertificateReceived(RENEWAL, "partner-decryptor", PARTNER, "acme-2",
                    PARTNERS_NEW, AT, PartnerCertificateUse.ENCRYPT_TO_PARTNER)).rendered.text())
                    .contains("You will be told when it is imported. The tenant sends you nothing until the"
                            + " integration flow that uses the alias is redeployed; you are told then.")
                    .doesNotContain("Do not send messages");
        }

        @Test
        void tellsTheReceiverThatTheTenantSendsAgainEncryptedToItsNewCertificate() {
            Told told = tell(renewal, new IntegrationFlowRedeployed(RENEWAL, PARTNER, "integration-dev",
                    WINDOW_END.minusSeconds(60)));

            told.is(NotificationKind.INTEGRATION_FLOW_REDEPLOYED, PartnerRole.RECEIVER_ADMINISTRATOR, null);
            assertThat(told.rendered.subject()).isEqualTo("The tenant sends again: integration flow redeployed for"
                    + " alias partner-decryptor (renewal renewal-2)");
            assertThat(told.rendered.text())
                    .contains("redeployed the integration flow that uses the alias \"partner-decryptor\" at"
                            + " 2026-11-29T22:59:00Z (renewal id renewal-2): the tenant sends you messages again,"
                            + " encrypted to your new certificate.")
                    .contains("Check that your receiver system decrypts them with your new key")
                    .contains("The tenant keeps your previous certificate, unused, for the retention period")
                    .doesNotContain("signed");
        }

        @Test
        void alertsTheTenantThatItsFlowIsNotRedeployedWhenTheWindowEnds() {
            Told told = tell(renewal, new DowntimeOverrun(RENEWAL, PARTNER, WINDOW_END, AT));

            told.is(NotificationKind.DOWNTIME_OVERRUN, PartnerRole.TENANT_ADMINISTRATOR, null);
            assertThat(told.rendered.text())
                    .contains("ended at 2026-11-29T23:00:00Z, and the integration flow that uses the alias is not"
                            + " redeployed yet: the tenant still sends the partner nothing.")
                    .contains("GET /renewals/renewal-2").contains("contact the receiver administrator of partner acme")
                    .contains("have the integration developer redeploy the flow")
                    .doesNotContain("sender");
        }
    }

    /**
     * Playbook 12: the tenant's signing key, the receiver verifying one key at a time; in the agreed window the tenant
     * undeploys its flow and exchanges its key pair first, then the receiver exchanges the certificate, then the flow
     * is redeployed.
     */
    @Nested
    class TheTenantUndeploysItsFlowToExchangeItsSigningKey {

        private final KnownRenewal beforeTheAgreement = new KnownRenewal(RENEWAL, PARTNER, "signer",
                Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME, PartnerRole.RECEIVER_ADMINISTRATOR);
        private final KnownRenewal undeployed = beforeTheAgreement.withDowntimeUntil(WINDOW_END);
        private final KnownRenewal exchanged = undeployed.withKeyPairExchangedAt(WINDOW_START.plusSeconds(600));

        @Test
        void agreesADowntimeInWhichTheTenantExchangesItsKeyPairBeforeAskingForTheCertificateExchange() {
            String proposed = tell(beforeTheAgreement, new DowntimeProposed(RENEWAL, PARTNER, WINDOW_START,
                    WINDOW_END, "tenant-admin", AT)).rendered.text();
            Told agreed = tell(beforeTheAgreement, new DowntimeAgreed(RENEWAL, PARTNER, "acme-1", WINDOW_START,
                    WINDOW_END, AT, null, null));

            assertThat(proposed).contains("for the exchange of the certificate of the alias \"signer\"")
                    .contains("its integration developer undeploys the integration flow that uses the alias")
                    .doesNotContain("your system sends no signed messages");
            agreed.is(NotificationKind.DOWNTIME_AGREED, PartnerRole.RECEIVER_ADMINISTRATOR, null);
            assertThat(agreed.rendered.text()).contains("During the window the tenant exchanges its key pair, then"
                    + " asks you to exchange its old certificate for the new one (sent to you before) in your"
                    + " receiver system; do not configure it before.")
                    .doesNotContain("SENDING_STOPPED").doesNotContain("certificate of your new key pair");
        }

        @Test
        void tellsTheReceiverThatTheTenantStoppedSendingAndWillAskForTheCertificateExchange() {
            assertThat(tell(undeployed, new IntegrationFlowUndeployed(RENEWAL, PARTNER, "integration-dev",
                    WINDOW_START)).rendered.text())
                    .contains("The tenant asks you for what it needs next: once it has exchanged its key pair, the"
                            + " exchange of its certificate in your system.");
        }

        @Test
        void asksTheReceiverToExchangeTheCertificateNowThatTheKeyPairIsExchanged() {
            Told told = tell(exchanged, new PartnerInformedOfExchange(RENEWAL, PARTNER,
                    PartnerRole.RECEIVER_ADMINISTRATOR, exchanged.playbook(), NEW, AT, AT.plusSeconds(3600),
                    ConfirmationType.CERTIFICATE_EXCHANGED));

            told.is(NotificationKind.KEY_PAIR_EXCHANGED, PartnerRole.RECEIVER_ADMINISTRATOR,
                    ConfirmationType.CERTIFICATE_EXCHANGED);
            assertThat(told.rendered.text())
                    .contains("1. exchange the tenant's old certificate with the new one in your system now (the new"
                            + " one was sent to you before),")
                    .contains("2. confirm CERTIFICATE_EXCHANGED as shown below.")
                    .contains("The tenant sends you nothing until the integration flow that uses the alias is"
                            + " redeployed")
                    .contains("By when: Now: the downtime window is running.")
                    .doesNotContain("start sending").doesNotContain("OLD_CERTIFICATE_REMOVED")
                    .doesNotContain("roll back");
        }

        @Test
        void acknowledgesTheCertificateExchangeAndSaysTheFlowIsRedeployedNext() {
            Told told = tell(exchanged, new SenderExchangedCertificate(RENEWAL, PARTNER, "acme-5", AT));

            told.is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.RECEIVER_ADMINISTRATOR, null);
            assertThat(told.rendered.text())
                    .contains("Next: the tenant's integration developer redeploys the integration flow that uses the"
                            + " alias, and the tenant sends you messages again, signed with its new key")
                    .doesNotContain("then exchanges its key pair").doesNotContain("resume");
        }

        @Test
        void tellsTheReceiverThatTheTenantSendsAgainSignedWithItsNewKey() {
            assertThat(tell(exchanged, new IntegrationFlowRedeployed(RENEWAL, PARTNER, "integration-dev",
                    WINDOW_END.minusSeconds(60))).rendered.text())
                    .contains("the tenant sends you messages again, signed with its new key.")
                    .contains("Check that your receiver system verifies them with the tenant's new certificate")
                    .contains("The tenant keeps its old key pair for the retention period")
                    .doesNotContain("encrypt");
        }

        @Test
        void tellsTheTenantARefusedCertificateExchangeAfterTheKeyPairExchangeLeavesNoWayBack() {
            String refused = tell(exchanged, new PartnerRefusedStep(RENEWAL, PARTNER,
                    ConfirmationType.CERTIFICATE_EXCHANGED, "change freeze", null, "c-3", AT)).rendered.text();

            assertThat(refused).contains("The key pair is exchanged already and this playbook has no rollback, so the"
                    + " renewal can be neither aborted nor rolled back: contact the receiver administrator now,"
                    + " traffic with this partner is interrupted until the integration flow that uses the alias is"
                    + " redeployed, which the renewal allows once the partner confirms.")
                    .doesNotContain("/abort").doesNotContain("/rollback");
        }
    }

    /** A renewal of the partner's certificate that the tenant encrypts to, as its start said it. */
    private static KnownRenewal encrypting(PartnerRole recipient, Playbook playbook) {
        return new KnownRenewal(RENEWAL, PARTNER, "partner-decryptor", playbook, recipient,
                RenewedKey.PARTNER_CERTIFICATE, PartnerCertificateUse.ENCRYPT_TO_PARTNER);
    }

    private Told tell(KnownRenewal renewal, RenewalEvent event) {
        assertThat(messages.tellsSomeone(event)).isTrue();
        List<PartnerMessage> told = messages.of(renewal, event);
        assertThat(told).hasSize(1);
        RenderedMessage rendered = Rendering.render(renewal, told.get(0));
        assertThat(rendered.text() + rendered.html() + rendered.subject()).doesNotContain("{{");
        return new Told(told.get(0), rendered);
    }

    private record Told(PartnerMessage message, RenderedMessage rendered) {

        Told is(NotificationKind kind, PartnerRole recipient, ConfirmationType confirmation) {
            assertThat(message.kind()).isEqualTo(kind);
            assertThat(message.recipient()).isEqualTo(recipient);
            if (confirmation == null) {
                assertThat(message.expectedConfirmation()).isNull();
                assertThat(rendered.text()).doesNotContain("How to confirm");
            } else {
                assertThat(message.expectedConfirmation().type()).isEqualTo(confirmation);
                assertThat(rendered.text()).contains("How to confirm: publish this JSON on the Kafka topic "
                        + "renewal.partner-confirmations.v1 with the record key renewal-2");
                PartnerConfirmation filledIn = ContractJson.read(message.expectedConfirmation().example()
                        .replace("<your unique id>", "c-1").replace("<ISO-8601 instant>", AT.toString())
                        .replace("\"<PEM of your new certificate>\"", ContractJson.write(PARTNERS_NEW.pem())),
                        PartnerConfirmation.class);
                assertThat(filledIn.type()).isEqualTo(confirmation);
                assertThat(filledIn.renewalId()).isEqualTo(RENEWAL);
                assertThat(filledIn.certificate()).isEqualTo(confirmation == ConfirmationType.NEW_CERTIFICATE
                        ? PARTNERS_NEW.pem() : null);
            }
            return this;
        }
    }
}
