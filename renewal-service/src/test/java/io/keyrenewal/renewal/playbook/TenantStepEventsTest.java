package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.playbook.Actor;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.Milestones;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.playbook.Step;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.playbook.Commands.StepParameters;
import io.keyrenewal.renewal.playbook.TenantStepEvents.ParameterProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table of the tenant's steps against the catalogue: every tenant step of every playbook can be taken. */
class TenantStepEventsTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void everyTenantStepOfEveryPlaybookIsRecordedByAnEventThatRecordsThatStep() {
        int tenantSteps = 0;
        for (PlaybookDefinition playbook : Playbooks.all()) {
            for (Step step : playbook.steps()) {
                if (step.actor() != Actor.TENANT) {
                    continue;
                }
                tenantSteps++;
                assertThat(TenantStepEvents.isTenantStep(step.milestone())).as(step.milestone().name()).isTrue();
                RenewalEvent event = TenantStepEvents.event(step.milestone(), new TenantStepEvents.Taken(
                        new RenewalId("r-1"), new PartnerId("acme"), parametersFor(step.milestone()), "tenant-admin",
                        NOW, null, null));
                assertThat(Milestones.recordedBy(event)).as(playbook.playbook() + " " + step.milestone())
                        .contains(step.milestone());
            }
        }
        assertThat(tenantSteps).as("playbooks 1 and 2 have tenant steps").isGreaterThanOrEqualTo(4);
    }

    @Test
    void onlyTheTableTellsWhichTenantStepsNeedSomething() {
        assertThat(TenantStepEvents.needs(Milestone.DOWNTIME_PROPOSED)).containsExactly(
                TenantStepEvents.Parameter.WINDOW_START, TenantStepEvents.Parameter.WINDOW_END);
        assertThat(TenantStepEvents.needs(Milestone.EXCHANGE_APPROVED)).isEmpty();
        assertThat(TenantStepEvents.needs(Milestone.KEY_PAIR_CREATED)).isEmpty();
    }

    @Test
    void anAutomaticRenewalTakesTheTenantsDecisionsButNeverWhatAPersonDoesToAnIntegrationFlow() {
        assertThat(TenantStepEvents.automatic(Milestone.DRAIN_CONFIRMED)).isTrue();
        assertThat(TenantStepEvents.automatic(Milestone.EXCHANGE_APPROVED)).isTrue();
        assertThat(TenantStepEvents.automatic(Milestone.FLOW_UNDEPLOYED)).isFalse();
        assertThat(TenantStepEvents.automatic(Milestone.FLOW_REDEPLOYED)).isFalse();
        assertThat(TenantStepEvents.automatic(Milestone.DOWNTIME_PROPOSED)).as("needs a window").isFalse();
    }

    @Test
    void theIntegrationFlowIsUndeployedOnlyFromTheStartOfTheAgreedWindow() {
        Instant windowStart = NOW.plus(Duration.ofHours(2));
        assertThatThrownBy(() -> TenantStepEvents.event(Milestone.FLOW_UNDEPLOYED, new TenantStepEvents.Taken(
                new RenewalId("r-1"), new PartnerId("acme"), StepParameters.NONE, "developer", NOW, null,
                windowStart))).isInstanceOf(RenewalRefused.StepNotAllowed.class)
                .hasMessage("the integration flow is undeployed only from the start of the agreed downtime window, "
                        + windowStart);
        assertThat(TenantStepEvents.event(Milestone.FLOW_UNDEPLOYED, new TenantStepEvents.Taken(new RenewalId("r-1"),
                new PartnerId("acme"), StepParameters.NONE, "developer", windowStart, null, windowStart)))
                .isEqualTo(new IntegrationFlowUndeployed(new RenewalId("r-1"), new PartnerId("acme"), "developer",
                        windowStart));
    }

    @Test
    void namesEachMissingParameterAndEachTheStepDoesNotTake() {
        assertThat(TenantStepEvents.parameterProblems(Milestone.DOWNTIME_PROPOSED,
                new StepParameters(NOW, null, "maintenance")))
                .containsExactly(new ParameterProblem("windowEnd", "must not be null"),
                        new ParameterProblem("reason", "is not taken by DOWNTIME_PROPOSED, which needs windowStart,"
                                + " windowEnd"));
        assertThat(TenantStepEvents.parameterProblems(Milestone.EXCHANGE_APPROVED, StepParameters.NONE)).isEmpty();
        assertThat(TenantStepEvents.parameterProblems(Milestone.EXCHANGE_APPROVED, new StepParameters(null, null,
                " "))).as("a blank reason is none").isEmpty();
        assertThat(TenantStepEvents.parameterProblems(Milestone.PARTNER_VERIFIES_BOTH, StepParameters.window(NOW,
                NOW))).as("no tenant step: the playbook refuses it").isEmpty();
    }

    private static StepParameters parametersFor(Milestone milestone) {
        return TenantStepEvents.needs(milestone).isEmpty() ? StepParameters.NONE
                : StepParameters.window(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plusSeconds(3600));
    }
}
