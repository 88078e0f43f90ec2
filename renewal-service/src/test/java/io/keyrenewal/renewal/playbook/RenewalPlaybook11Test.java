package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.playbook.Commands.StepParameters;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/**
 * Playbook 11 (tenant encrypts outbound request, the receiver decrypts with one key at a time): playbook 9's renewal
 * with the tenant's integration flow undeployed by the integration developer at the window's start and redeployed
 * once the new certificate is imported; the receiver only agrees to the window and sends its certificate. Every step
 * and refusal of {@link RenewalPlaybook9Test} runs for it, plus those of the flow.
 */
class RenewalPlaybook11Test extends RenewalPlaybook9Test {

    @Override
    Playbook playbook() {
        return Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME;
    }

    @Override
    PartnerRole role() {
        return PartnerRole.RECEIVER_ADMINISTRATOR;
    }

    /** The receiver has nothing to do until the tenant asks for its certificate. */
    @Override
    DowntimeAgreed agreed() {
        return new DowntimeAgreed(RENEWAL, ACME, "c-window", WINDOW_START, WINDOW_END, AGREED, null, null);
    }

    @Override
    RenewalEvent stopped() {
        return new IntegrationFlowUndeployed(RENEWAL, ACME, "integration-developer", STOPPED);
    }

    @Override
    Object stop(Instant at) {
        return new TakeTenantStep(RENEWAL, Milestone.FLOW_UNDEPLOYED, StepParameters.NONE, "integration-developer",
                at);
    }

    /** The import asks the receiver nothing: the tenant redeploys its flow next. */
    @Override
    PartnerCertificateImported imported() {
        return new PartnerCertificateImported(RENEWAL, ALIAS, ACME, role(), playbook(), NEW.ref(), OLD, IMPORTED,
                null, null, ENCRYPT, RETAIN_UNTIL);
    }

    @Override
    Object resume(Instant at) {
        return new TakeTenantStep(RENEWAL, Milestone.FLOW_REDEPLOYED, StepParameters.NONE, "integration-developer",
                at);
    }

    @Override
    RenewalEvent resumed() {
        return new IntegrationFlowRedeployed(RENEWAL, ACME, "integration-developer", RESUMED);
    }

    @Test
    void anAutomaticRenewalNeverUndeploysOrRedeploysTheFlowItself() {
        RenewalStarted automatic = started(ExchangeApproval.AUTOMATIC);
        fixture.given(automatic, proposed)
                .when(new io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep(RENEWAL, "c-window", ACME,
                        ConfirmationType.DOWNTIME_ACCEPTED, AGREED))
                .expectEvents(agreed());
        fixture.given(automatic, proposed, agreed(), stopped(), drained, requested, received)
                .when(new io.keyrenewal.renewal.playbook.Commands.RecordPartnerCertificateImported(RENEWAL, "rep-1",
                        NEW.ref(), OLD, IMPORTED))
                .expectEvents(imported());
    }

    @Test
    void theReceiverCannotTakeTheTenantsStepNorTheTenantBeforeTheWindowIsAgreed() {
        fixture.given(started, proposed)
                .when(stop(STOPPED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString("needs DOWNTIME_AGREED first"))
                .expectNoEvents();
        fixture.given(started, proposed, agreed())
                .when(new io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep(RENEWAL, "c-stop", ACME,
                        ConfirmationType.SENDING_STOPPED, STOPPED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString("SENDING_STOPPED is not a step of playbook"))
                .expectNoEvents();
    }
}
