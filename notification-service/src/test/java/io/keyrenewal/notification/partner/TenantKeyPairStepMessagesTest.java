package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages to the partner in the renewal of the tenant's key pair: playbooks 1 to 3, and 12. */
class TenantKeyPairStepMessagesTest extends StepMessagesFixture {

    @Test
    void asksTheSenderToAcceptTheProposedDowntimeBeforeTheWindowStarts() {
        Told told = tell(PLAYBOOK_2, new DowntimeProposed(RENEWAL, PARTNER, WINDOW_START, WINDOW_END, "tenant-admin",
                AT));

        told.is(NotificationKind.DOWNTIME_PROPOSED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.DOWNTIME_ACCEPTED);
        assertThat(told.rendered().subject()).contains("2026-11-29T22:00:00Z to 2026-11-29T23:00:00Z");
        assertThat(told.rendered().text()).contains("By when: Before the window starts at 2026-11-29T22:00:00Z");
    }

    @Test
    void tellsTheSenderToStopAtTheWindowStartThenExchangeAndShowsBothConfirmations() {
        Told told = tell(PLAYBOOK_2, new DowntimeAgreed(RENEWAL, PARTNER, "acme-1", WINDOW_START, WINDOW_END, AT));

        told.is(NotificationKind.DOWNTIME_AGREED, PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.SENDING_STOPPED);
        assertThat(told.rendered().text())
                .contains("stop sending signed messages to the tenant")
                .contains("Stop at 2026-11-29T22:00:00Z, not earlier")
                .contains("\"type\":\"SENDING_STOPPED\"")
                .contains("\"type\":\"CERTIFICATE_EXCHANGED\"");
        assertThat(told.rendered().html()).contains("&quot;type&quot;:&quot;CERTIFICATE_EXCHANGED&quot;");
    }

    @Test
    void tellsTheSenderOfPlaybookOneItMayNowRemoveTheOldCertificate() {
        Told told = tell(PLAYBOOK_1, new PartnerInformedOfExchange(RENEWAL, PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, NEW, AT));

        told.is(NotificationKind.KEY_PAIR_EXCHANGED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.OLD_CERTIFICATE_REMOVED);
        assertThat(told.rendered().text()).contains("remove the tenant's old certificate from your system: you may do "
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

        assertThat(proposed.message().expectedConfirmation().respondBy()).isEqualTo(respondBy);
        assertThat(proposed.rendered().text()).contains("By when: Before the window starts at 2026-11-29T22:00:00Z."
                + " Respond by 2026-11-25T10:00:00Z: after that the step counts as overdue");
        assertThat(exchanged.message().expectedConfirmation().respondBy()).isEqualTo(respondBy);
        assertThat(exchanged.rendered().text()).contains("By when: Respond by 2026-11-25T10:00:00Z");
        assertThat(agreed.message().expectedConfirmation().respondBy()).isEqualTo(respondBy);
        assertThat(tell(PLAYBOOK_1, new PartnerInformedOfExchange(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, NEW, AT)).message().expectedConfirmation()
                .respondBy()).as("recorded before respond-by dates").isNull();
    }

    @Test
    void tellsTheSenderOfPlaybookTwoToResumeSending() {
        Told told = tell(PLAYBOOK_2, new PartnerInformedOfExchange(RENEWAL, PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, NEW, AT));

        told.is(NotificationKind.KEY_PAIR_EXCHANGED, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.SENDING_RESUMED);
        assertThat(told.rendered().text()).contains("start sending messages to the tenant again");
    }

    @Test
    void acknowledgesEachPartnerConfirmationAndSaysWhatComesNext() {
        assertThat(tell(PLAYBOOK_1, new PartnerVerifiesBoth(RENEWAL, PARTNER, "acme-1", AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text())
                .contains("accepted your confirmation acme-1 (VERIFIES_BOTH)").contains("Keep verifying both keys");
        assertThat(tell(PLAYBOOK_3, new PartnerSwitchedToNewKey(RENEWAL, PARTNER, "acme-2",
                Instant.parse("2027-02-20T10:00:00Z"), AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.RECEIVER_ADMINISTRATOR, null).rendered().text())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("keeps the old key pair until 2027-02-20T10:00:00Z");
        assertThat(tell(PLAYBOOK_2, new SenderStoppedSending(RENEWAL, PARTNER, "acme-3", AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR,
                        ConfirmationType.CERTIFICATE_EXCHANGED).rendered().text())
                .contains("Next: exchange the tenant's old certificate");
        assertThat(tell(PLAYBOOK_2, new SenderExchangedCertificate(RENEWAL, PARTNER, "acme-4", AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text())
                .contains("no message signed with the old key is still in its system");
        assertThat(tell(PLAYBOOK_1, new PartnerRemovedOldCertificate(RENEWAL, PARTNER, "acme-5", AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text())
                .contains("verifies only the new key");
        assertThat(tell(PLAYBOOK_2, new SenderResumedSending(RENEWAL, PARTNER, "acme-6", Duration.ofMinutes(42),
                WINDOW_START, WINDOW_END, AT))
                .is(NotificationKind.CONFIRMATION_RECEIVED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text())
                .contains("actual downtime was PT42M against the agreed window from 2026-11-29T22:00:00Z");
    }

    @Test
    void remindsThePartnerOfAnOverdueStepWithThePayloadToSendAgain() {
        Told told = tell(PLAYBOOK_1, new PartnerStepOverdue(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.VERIFIES_BOTH, Instant.parse("2026-11-20T10:00:00Z"), AT));

        told.is(NotificationKind.STEP_OVERDUE, PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.VERIFIES_BOTH);
        assertThat(told.rendered().text()).contains("waiting since 2026-11-20T10:00:00Z")
                .contains("verify payloads signed with the old key and with the new certificate")
                .contains("\"type\":\"VERIFIES_BOTH\"");
    }

    @Test
    void tellsThePartnerHowTheRenewalEnded() {
        assertThat(tell(PLAYBOOK_3, new RenewalCompleted(RENEWAL, "decryptor", PARTNER, AT))
                .is(NotificationKind.RENEWAL_COMPLETED, PartnerRole.RECEIVER_ADMINISTRATOR, null).rendered().text())
                .contains("removed the old key pair of the alias \"decryptor\"")
                .contains("The renewal renewal-2 is complete");
        assertThat(tell(PLAYBOOK_2, new RenewalAborted(RENEWAL, "signer", PARTNER, "the partner asked to postpone",
                "tenant-admin", null, AT))
                .is(NotificationKind.RENEWAL_ABORTED, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text())
                .contains("aborted the renewal renewal-2").contains("the partner asked to postpone")
                .contains("Keep using the tenant's old certificate");
        assertThat(tell(PLAYBOOK_1, new KeyPairRolledBack(RENEWAL, "signer", PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, NEW, AT))
                .is(NotificationKind.RENEWAL_ROLLED_BACK, PartnerRole.SENDER_ADMINISTRATOR, null).rendered().text())
                .contains("signed with the old key again").contains("do NOT remove it");
    }

    @Test
    void eventsThatAskNothingOfAnyoneYieldNoMessage() {
        KeyPairExchanged exchanged = new KeyPairExchanged(RENEWAL, "signer", NEW, null, AT, AT);

        assertThat(messages.tellsSomeone(exchanged)).isFalse();
        assertThat(messages.of(PLAYBOOK_1, exchanged)).isEmpty();
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
                    WINDOW_END, "tenant-admin", AT)).rendered().text();
            Told agreed = tell(beforeTheAgreement, new DowntimeAgreed(RENEWAL, PARTNER, "acme-1", WINDOW_START,
                    WINDOW_END, AT, null, null));

            assertThat(proposed).contains("for the exchange of the certificate of the alias \"signer\"")
                    .contains("its integration developer undeploys the integration flow that uses the alias")
                    .doesNotContain("your system sends no signed messages");
            agreed.is(NotificationKind.DOWNTIME_AGREED, PartnerRole.RECEIVER_ADMINISTRATOR, null);
            assertThat(agreed.rendered().text()).contains("During the window the tenant exchanges its key pair, then"
                    + " asks you to exchange its old certificate for the new one (sent to you before) in your"
                    + " receiver system; do not configure it before.")
                    .doesNotContain("SENDING_STOPPED").doesNotContain("certificate of your new key pair");
        }

        @Test
        void tellsTheReceiverThatTheTenantStoppedSendingAndWillAskForTheCertificateExchange() {
            assertThat(tell(undeployed, new IntegrationFlowUndeployed(RENEWAL, PARTNER, "integration-dev",
                    WINDOW_START)).rendered().text())
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
            assertThat(told.rendered().text())
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
            assertThat(told.rendered().text())
                    .contains("Next: the tenant's integration developer redeploys the integration flow that uses the"
                            + " alias, and the tenant sends you messages again, signed with its new key")
                    .doesNotContain("then exchanges its key pair").doesNotContain("resume");
        }

        @Test
        void tellsTheReceiverThatTheTenantSendsAgainSignedWithItsNewKey() {
            assertThat(tell(exchanged, new IntegrationFlowRedeployed(RENEWAL, PARTNER, "integration-dev",
                    WINDOW_END.minusSeconds(60))).rendered().text())
                    .contains("the tenant sends you messages again, signed with its new key.")
                    .contains("Check that your receiver system verifies them with the tenant's new certificate")
                    .contains("The tenant keeps its old key pair for the retention period")
                    .doesNotContain("encrypt");
        }

        @Test
        void tellsTheTenantARefusedCertificateExchangeAfterTheKeyPairExchangeLeavesNoWayBack() {
            String refused = tell(exchanged, new PartnerRefusedStep(RENEWAL, PARTNER,
                    ConfirmationType.CERTIFICATE_EXCHANGED, "change freeze", null, "c-3", AT)).rendered().text();

            assertThat(refused).contains("The key pair is exchanged already and this playbook has no rollback, so the"
                    + " renewal can be neither aborted nor rolled back: contact the receiver administrator now,"
                    + " traffic with this partner is interrupted until the integration flow that uses the alias is"
                    + " redeployed, which the renewal allows once the partner confirms.")
                    .doesNotContain("/abort").doesNotContain("/rollback");
        }
    }
}
