package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages to the tenant administrator: an escalation, a downtime overrun, a keystore failure, a refusal. */
class TenantAdministratorStepMessagesTest extends StepMessagesFixture {

    @Test
    void alertsTheTenantAdministratorOfAnEscalatedStepAndOfADowntimeOverrun() {
        Told escalated = tell(PLAYBOOK_1, new PartnerStepEscalated(RENEWAL, PARTNER, ConfirmationType.VERIFIES_BOTH,
                Instant.parse("2026-11-20T10:00:00Z"), AT));
        Told overrun = tell(PLAYBOOK_2, new DowntimeOverrun(RENEWAL, PARTNER, WINDOW_END, AT));

        escalated.is(NotificationKind.STEP_ESCALATED, PartnerRole.TENANT_ADMINISTRATOR, null);
        overrun.is(NotificationKind.DOWNTIME_OVERRUN, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(escalated.rendered().text()).startsWith("Hello tenant administrator,")
                .contains("Contact the sender administrator of partner acme");
        assertThat(overrun.rendered().text()).contains("ended at 2026-11-29T23:00:00Z")
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
        assertThat(removal.rendered().subject()).contains("the keystore failed a step of renewal renewal-2");
        assertThat(removal.rendered().text()).contains("could not carry out REMOVE for renewal renewal-2")
                .contains("retention not elapsed").contains("POST /renewals/renewal-2/keystore-retry")
                .contains("POST /renewals/renewal-2/keystore-resolution");
        assertThat(exchange.rendered().text()).contains("POST /renewals/renewal-2/keystore-retry")
                .contains("abort it: POST /renewals/renewal-2/abort").doesNotContain("keystore-resolution");
    }

    @Test
    void tellsTheTenantAdministratorThatTheKeystoreCouldNotImportThePartnersCertificateAndThatItMayRetryOrAbort() {
        Told told = tell(PARTNER_CERTIFICATE, new KeystoreFailureRecorded(RENEWAL, "report-6", "IMPORT",
                "alias 'partner-signer' holds key pairs, not a partner's certificates", AT));

        told.is(NotificationKind.KEYSTORE_STEP_FAILED, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(told.rendered().text())
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

        assertThat(tell(PARTNER_CERTIFICATE, removal).rendered().text())
                .contains("if the partner's old certificate may stay in the keystore, settle it:"
                        + " POST /renewals/renewal-2/keystore-resolution")
                .doesNotContain("old key pair");
        assertThat(tell(PLAYBOOK_3, removal).rendered().text())
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

        assertThat(first.rendered().text()).contains("retries the step by itself at " + nextRetry);
        assertThat(messages.tellsSomeone(between)).isFalse();
        assertThat(messages.of(PLAYBOOK_1, between)).isEmpty();
        assertThat(last.rendered().text()).contains("does not go on by itself (it retried the step 5 times)");
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
        assertThat(beforeTheExchange.rendered().subject())
                .isEqualTo("Refused: partner acme refused its step VERIFIES_BOTH for alias signer (renewal renewal-2)");
        assertThat(beforeTheExchange.rendered().text())
                .contains("The sender administrator of partner acme refused to configure your system to verify")
                .contains("saying: \"our verifier holds one <certificate> per partner\" (code ONE_KEY_ONLY)")
                .contains("The step stays awaited").contains("Its code: ONE_KEY_ONLY")
                .contains("provide another certificate: abort this renewal, POST /renewals/renewal-2/abort")
                .contains("start a new renewal of the alias (POST /renewals)")
                .contains("confirms VERIFIES_BOTH after all");
        assertThat(beforeTheExchange.rendered().html()).contains("one &lt;certificate&gt; per partner")
                .doesNotContain("<certificate>");
        assertThat(afterTheExchange.rendered().text()).contains("can no longer be aborted")
                .contains("POST /renewals/renewal-2/rollback").doesNotContain("(code").doesNotContain("Its code");
        assertThat(noWayBack.rendered().text()).contains("neither aborted nor rolled back")
                .doesNotContain("/abort").doesNotContain("/rollback");
        assertThat(receiver.rendered().text()).contains("The receiver administrator of partner acme refused to encrypt")
                .contains("cannot be aborted").contains("confirms SWITCHED_TO_NEW_KEY after all")
                .doesNotContain("/abort");
    }

    @Test
    void tellsTheTenantAdministratorThatAPartnerWhoRefusesToSendItsNewCertificateLeavesTheRenewalAbortable() {
        Told refused = tell(PARTNER_CERTIFICATE, new PartnerRefusedStep(RENEWAL, PARTNER,
                ConfirmationType.NEW_CERTIFICATE, "our HSM is being replaced", null, "c-5", AT));

        refused.is(NotificationKind.STEP_REFUSED, PartnerRole.TENANT_ADMINISTRATOR, null);
        assertThat(refused.rendered().text())
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
        assertThat(refused.rendered().text())
                .contains("The sender administrator of partner acme refused to sign the messages you send to the"
                        + " tenant with your new key")
                .contains("imported the partner's new certificate already, so the renewal can no longer be aborted")
                .contains("verifies the partner's signatures with its old certificate and with its new one")
                .contains("Contact the sender administrator of partner acme and agree with the partner what it"
                        + " needs, so that it confirms SWITCHED_TO_NEW_KEY after all")
                .doesNotContain("/abort").doesNotContain("decrypt").doesNotContain("receiver");
        assertThat(tell(PLAYBOOK_3, refusal).rendered().text())
                .contains("the new key pair already decrypts beside the old one");
    }
}
