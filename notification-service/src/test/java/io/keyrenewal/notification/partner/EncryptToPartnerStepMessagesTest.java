package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages of the renewal of the partner's certificate that the tenant encrypts to: playbooks 8 to 11. */
class EncryptToPartnerStepMessagesTest extends StepMessagesFixture {

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
            assertThat(told.rendered().text()).contains("it encrypts the messages it sends you to it.")
                    .contains("configure it to decrypt with the new key AND with your old key (both at once)")
                    .doesNotContain("verifies your signatures");
        }

        @Test
        void acknowledgesTheCertificateAndAsksToKeepDecryptingWithBothKeysUntilTheImport() {
            Told told = tell(sender, new PartnerCertificateReceived(RENEWAL, "partner-decryptor", PARTNER, "acme-7",
                    PARTNERS_NEW, AT, PartnerCertificateUse.ENCRYPT_TO_PARTNER));

            told.is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null);
            assertThat(told.rendered().text()).contains("accepted your confirmation acme-7 (NEW_CERTIFICATE)")
                    .contains("Keep decrypting with your old and your new key: you will be told when the certificate"
                            + " is imported, from when on the tenant encrypts to it, and when you may remove your"
                            + " old key.")
                    .doesNotContain("switch to your new key");
        }

        @Test
        void acknowledgesTheSwitchAsDecryptingWithTheNewKeyOnlyWhileTheTenantKeepsTheOldCertificateUnused() {
            String text = tell(sender, new PartnerSwitchedToNewKey(RENEWAL, PARTNER, "acme-8",
                    Instant.parse("2027-02-20T10:00:00Z"), AT)).rendered().text();

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
                    AT)).rendered().text();
            String escalated = tell(receiver, new PartnerStepEscalated(RENEWAL, PARTNER,
                    ConfirmationType.SWITCHED_TO_NEW_KEY, AT.minusSeconds(60), AT)).rendered().text();
            String refused = tell(receiver, new PartnerRefusedStep(RENEWAL, PARTNER,
                    ConfirmationType.SWITCHED_TO_NEW_KEY, "still testing the new key", null, "c-9", AT))
                    .rendered().text();

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
                    ConfirmationType.NEW_CERTIFICATE, AT.minusSeconds(60), AT)).rendered().text())
                    .contains("Please create a new key pair, decrypt with it as well as with your old key, and send the"
                            + " certificate of the new key pair");
        }

        @Test
        void tellsTheTenantAFailedImportLeavesItEncryptingToThePartnersCurrentCertificate() {
            assertThat(tell(sender, new KeystoreFailureRecorded(RENEWAL, "report-8", "IMPORT", "RSA keys only",
                    AT)).rendered().text())
                    .contains("The tenant still encrypts what it sends the partner to its current certificate.")
                    .contains("the partner is told that the tenant goes on encrypting to it")
                    .doesNotContain("signatures").doesNotContain("signing");
        }

        @Test
        void endsWithThePreviousCertificateRemovedOrAbortedBeforeTheImportWithTheOldKeyStillDecrypting() {
            String completed = tell(sender, new RenewalCompleted(RENEWAL, "partner-decryptor", PARTNER, AT))
                    .rendered().text();
            String aborted = tell(sender, new RenewalAborted(RENEWAL, "partner-decryptor", PARTNER, "postponed",
                    "tenant-admin", null, AT)).rendered().text();

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
            assertThat(told.rendered().text())
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
            assertThat(told.rendered().subject()).isEqualTo("Action required at 2026-11-29T22:00:00Z: stop sending for"
                    + " alias partner-decryptor (renewal renewal-2)");
            assertThat(told.rendered().text())
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
            assertThat(told.rendered().text())
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
            assertThat(requested.rendered().text()).contains("No messages flow between you and the tenant now")
                    .contains("decrypt with it from now on, in place of your old key").doesNotContain("both at once");
            assertThat(received.rendered().text()).contains("You will be told when it is imported. Do not send messages"
                    + " until the tenant tells you to resume.").doesNotContain("Keep decrypting with your old");
        }

        @Test
        void remindsOfTheStopWithoutSpeakingOfSignedMessages() {
            assertThat(tell(renewal, new PartnerStepOverdue(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                    ConfirmationType.SENDING_STOPPED, AT.minusSeconds(60), AT)).rendered().text())
                    .contains("Please stop sending messages to the tenant at the start of the agreed downtime window")
                    .doesNotContain("signed");
        }

        @Test
        void tellsTheTenantWhatARefusalLeavesBeforeAndAfterTheImport() {
            String beforeTheImport = tell(renewal, new PartnerRefusedStep(RENEWAL, PARTNER,
                    ConfirmationType.SENDING_STOPPED, "peak season", null, "c-1", AT)).rendered().text();
            String afterTheImport = tell(renewal, new PartnerRefusedStep(RENEWAL, PARTNER,
                    ConfirmationType.SENDING_RESUMED, "our release is frozen", null, "c-2", AT)).rendered().text();

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
            String overrun = tell(renewal, new DowntimeOverrun(RENEWAL, PARTNER, WINDOW_END, AT)).rendered().text();
            String aborted = tell(renewal, new RenewalAborted(RENEWAL, "partner-decryptor", PARTNER, "postponed",
                    "tenant-admin", null, AT)).rendered().text();

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
                    "tenant-admin", AT)).rendered().text())
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
            assertThat(told.rendered().subject()).isEqualTo("Downtime agreed: the tenant stops sending at"
                    + " 2026-11-29T22:00:00Z for alias partner-decryptor (renewal renewal-2)");
            assertThat(told.rendered().text())
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
            assertThat(told.message().template()).isEqualTo(IntegrationFlowMessages.TEMPLATE);
            assertThat(told.rendered().subject()).isEqualTo("The tenant stopped sending: integration flow undeployed"
                    + " for alias partner-decryptor (renewal renewal-2)");
            assertThat(told.rendered().text())
                    .contains("The tenant stopped sending you messages at 2026-11-29T22:00:30Z: its integration"
                            + " developer (integration-dev) undeployed the integration flow that uses the alias"
                            + " \"partner-decryptor\" (renewal id renewal-2). It sends you nothing until the flow is"
                            + " redeployed.")
                    .contains("The tenant asks you for what it needs next: the certificate of your new key pair.");
        }

        @Test
        void acknowledgesTheCertificateSayingTheTenantSendsNothingUntilItsFlowIsRedeployed() {
            assertThat(tell(renewal, new PartnerCertificateReceived(RENEWAL, "partner-decryptor", PARTNER, "acme-2",
                    PARTNERS_NEW, AT, PartnerCertificateUse.ENCRYPT_TO_PARTNER)).rendered().text())
                    .contains("You will be told when it is imported. The tenant sends you nothing until the"
                            + " integration flow that uses the alias is redeployed; you are told then.")
                    .doesNotContain("Do not send messages");
        }

        @Test
        void tellsTheReceiverThatTheTenantSendsAgainEncryptedToItsNewCertificate() {
            Told told = tell(renewal, new IntegrationFlowRedeployed(RENEWAL, PARTNER, "integration-dev",
                    WINDOW_END.minusSeconds(60)));

            told.is(NotificationKind.INTEGRATION_FLOW_REDEPLOYED, PartnerRole.RECEIVER_ADMINISTRATOR, null);
            assertThat(told.rendered().subject()).isEqualTo("The tenant sends again: integration flow redeployed for"
                    + " alias partner-decryptor (renewal renewal-2)");
            assertThat(told.rendered().text())
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
            assertThat(told.rendered().text())
                    .contains("ended at 2026-11-29T23:00:00Z, and the integration flow that uses the alias is not"
                            + " redeployed yet: the tenant still sends the partner nothing.")
                    .contains("GET /renewals/renewal-2").contains("contact the receiver administrator of partner acme")
                    .contains("have the integration developer redeploy the flow")
                    .doesNotContain("sender");
        }
    }
}
