package io.keyrenewal.renewal.dryrun;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationKey;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerChannels;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.dryrun.RenewalPlan.Message;
import io.keyrenewal.renewal.dryrun.RenewalPlan.PlannedStep;
import io.keyrenewal.renewal.dryrun.RenewalPlan.Refusal;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.playbook.PlaybookChoice;
import io.keyrenewal.renewal.playbook.Renewal;
import io.keyrenewal.renewal.playbook.RenewalRefused;
import io.keyrenewal.renewal.playbook.RenewalTimings;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.PartnerSystem;
import io.keyrenewal.renewal.web.ProblemDetails;
import io.keyrenewal.renewal.web.StartRenewalRequest;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a plan says of each step (who takes it, who is told what, what is late when), its dates, and what it says
 * would be refused; the order of the steps is DryRunMatchesRenewalTest's.
 */
class DryRunPlanTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration REMINDER = Duration.ofDays(3);
    static final PartnerSystem ACME = new PartnerSystem("acme", "acme-2026");
    static final PartnerDirectoryEntry WITH_KEY = entry(true, List.of(ACME.confirmationKey()));

    final DryRun dryRun = new DryRun(null, null, new ProblemDetails(), new RenewalTimings(REMINDER), null);

    static PartnerDirectoryEntry entry(boolean verifiesBoth, List<ConfirmationKey> keys) {
        return new PartnerDirectoryEntry(ACME.id(), "ACME Corp.", List.of(),
                new PartnerChannels(true, true, "https://acme.example/hook"), verifiesBoth, T0, keys);
    }

    static StartRenewalRequest request(Playbook playbook, KeyPurpose purpose, Duration gdt, ExchangeApproval approval) {
        return new StartRenewalRequest("acme-decrypt", "acme", gdt, purpose, playbook, null, approval, null, null,
                null);
    }

    RenewalPlan plan(StartRenewalRequest request, PartnerDirectoryEntry partner) {
        return dryRun.plan(request, Optional.ofNullable(partner), Optional.empty(), T0);
    }

    static PlannedStep step(RenewalPlan plan, String name) {
        return plan.steps().stream().filter(step -> step.step().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void playbook3TellsTheReceiverAtEachStepAndRemindsItWhenLate() {
        RenewalPlan plan = plan(request(null, null, Duration.ofDays(30), null), WITH_KEY);

        assertThat(plan.wouldStart()).isTrue();
        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.playbook().number()).isEqualTo(3);
        assertThat(plan.playbook().chosenBy()).isEqualTo(PlaybookChoice.How.PURPOSE);
        assertThat(plan.partner().role()).isEqualTo("RECEIVER_ADMINISTRATOR");
        assertThat(plan.partner().confirmationKeys()).containsExactly("acme-2026");
        assertThat(plan.partner().channels()).containsExactly("kafka", "email", "webhook");
        assertThat(plan.steps()).extracting(PlannedStep::event).containsExactly("NewKeyPairCreated",
                "CertificateProvided", "PartnerSwitchedToNewKey", "OldKeyPairRemovalDecided", "OldKeyPairRemoved",
                "RenewalCompleted");
        assertThat(step(plan, "CERTIFICATE_PROVIDED").tells()).containsExactly(new Message("CertificateProvided",
                "RECEIVER_ADMINISTRATOR", NotificationKind.CERTIFICATE_PROVIDED,
                ConfirmationType.SWITCHED_TO_NEW_KEY));
        PlannedStep switched = step(plan, "PARTNER_SWITCHED_TO_NEW_KEY");
        assertThat(switched.actor()).isEqualTo("partner");
        assertThat(switched.confirmation()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(switched.respondWithin()).isEqualTo(REMINDER);
        assertThat(switched.escalatedAfter()).isEqualTo(REMINDER.multipliedBy(2));
        assertThat(switched.tells()).extracting(Message::kind).containsExactly(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(switched.ifLate()).containsExactly(
                new Message("PartnerStepOverdue", "RECEIVER_ADMINISTRATOR", NotificationKind.STEP_OVERDUE,
                        ConfirmationType.SWITCHED_TO_NEW_KEY),
                new Message("PartnerStepEscalated", "TENANT_ADMINISTRATOR", NotificationKind.STEP_ESCALATED, null));
        assertThat(step(plan, "COMPLETED").tells()).extracting(Message::kind)
                .containsExactly(NotificationKind.RENEWAL_COMPLETED);
        assertThat(step(plan, "KEY_PAIR_CREATED").tells()).isEmpty();
    }

    @Test
    void theEarliestRetentionEndAndRemovalAreTheStartPlusMaxOf90DaysAndTheGuaranteedDeliveryTime() {
        RenewalPlan shortDelivery = plan(request(null, null, Duration.ofDays(30), null), WITH_KEY);
        RenewalPlan longDelivery = plan(request(null, null, Duration.ofDays(120), null), WITH_KEY);

        assertThat(shortDelivery.dates().retention()).isEqualTo(Duration.ofDays(90));
        assertThat(shortDelivery.dates().earliestRetentionEnd()).isEqualTo(T0.plus(Duration.ofDays(90)));
        assertThat(longDelivery.dates().earliestRetentionEnd()).isEqualTo(T0.plus(Duration.ofDays(120)));
        assertThat(longDelivery.dates().earliestRemoval()).isEqualTo(T0.plus(Duration.ofDays(120)));
        assertThat(step(longDelivery, "PARTNER_SWITCHED_TO_NEW_KEY").earliestAt()).isEqualTo(T0);
        assertThat(step(longDelivery, "OLD_KEY_PAIR_REMOVAL_DECIDED").earliestAt())
                .isEqualTo(T0.plus(Duration.ofDays(120)));
        assertThat(shortDelivery.dates().retentionStartsAt()).isEqualTo("PARTNER_SWITCHED_TO_NEW_KEY");
        assertThat(shortDelivery.dates().abortUntil()).isEqualTo("CERTIFICATE_PROVIDED");
        assertThat(shortDelivery.dates().rollbackUntil()).isNull();
        RenewalPlan playbook1 = plan(request(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, null,
                Duration.ofDays(30), null), WITH_KEY);
        assertThat(playbook1.dates().rollbackUntil()).isEqualTo("PARTNER_REMOVED_OLD_CERTIFICATE");
        assertThat(playbook1.dates().abortUntil()).isEqualTo("EXCHANGE_DECIDED");
    }

    @Test
    void anAutomaticRenewalTakesTheDrainAndTheApprovalItselfButNeverTheIntegrationFlowsSteps() {
        RenewalPlan plan = plan(request(null, KeyPurpose.SIGN_OUTBOUND_REQUEST, Duration.ofDays(30),
                ExchangeApproval.AUTOMATIC), entry(false, List.of(ACME.confirmationKey())));

        assertThat(plan.playbook().number()).isEqualTo(12);
        assertThat(plan.playbook().chosenBy()).isEqualTo(PlaybookChoice.How.PURPOSE_AND_CAPABILITY);
        assertThat(plan.playbook().partnerUsesBothKeys()).isFalse();
        assertThat(step(plan, "DOWNTIME_PROPOSED").needs()).containsExactly("windowStart", "windowEnd");
        assertThat(step(plan, "DOWNTIME_PROPOSED").takenBy()).isEqualTo("tenant");
        assertThat(step(plan, "DRAIN_CONFIRMED").takenBy()).isEqualTo("system");
        assertThat(step(plan, "DRAIN_CONFIRMED").automaticRenewalTakesIt()).isTrue();
        assertThat(step(plan, "EXCHANGE_APPROVED").takenBy()).isEqualTo("system");
        assertThat(step(plan, "FLOW_UNDEPLOYED").takenBy()).isEqualTo("tenant");
        assertThat(step(plan, "FLOW_UNDEPLOYED").automaticRenewalTakesIt()).isFalse();
        assertThat(step(plan, "FLOW_UNDEPLOYED").tells()).extracting(Message::kind)
                .containsExactly(NotificationKind.INTEGRATION_FLOW_UNDEPLOYED);
        assertThat(step(plan, "FLOW_REDEPLOYED").ifLate()).containsExactly(new Message("DowntimeOverrun",
                "TENANT_ADMINISTRATOR", NotificationKind.DOWNTIME_OVERRUN, null));
        assertThat(step(plan, "PARTNER_INFORMED_OF_EXCHANGE").tells()).containsExactly(new Message(
                "PartnerInformedOfExchange", "RECEIVER_ADMINISTRATOR", NotificationKind.KEY_PAIR_EXCHANGED,
                ConfirmationType.CERTIFICATE_EXCHANGED));
        RenewalPlan approved = plan(request(null, KeyPurpose.SIGN_OUTBOUND_REQUEST, Duration.ofDays(30), null),
                entry(false, List.of(ACME.confirmationKey())));
        assertThat(step(approved, "DRAIN_CONFIRMED").takenBy()).isEqualTo("tenant");
    }

    @Test
    void theRenewalRemindsAndEscalatesAPartnerStepWhenThePlanSays() {
        PlannedStep switched = step(plan(request(null, null, Duration.ofDays(30), null), WITH_KEY),
                "PARTNER_SWITCHED_TO_NEW_KEY");
        AggregateTestFixture<Renewal> fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(REMINDER));
        Instant asked = T0.plusSeconds(1);
        RenewalId renewalId = new RenewalId("r-3");

        fixture.givenCommands(new StartRenewal(renewalId, "acme-decrypt",
                        ACME.id(), Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30),
                        KeyAlgorithm.DEFAULT, T0))
                .when(new RecordKeyPairGenerated(renewalId, "report-1", Certificates.certificate("acme-decrypt", "02", T0),
                        Certificates.ref("acme-decrypt", "01"), asked))
                .expectScheduledDeadlineWithName(asked.plus(switched.respondWithin()), "partner-step-overdue")
                .expectScheduledDeadlineWithName(asked.plus(switched.escalatedAfter()), "partner-step-escalation");
    }

    @Test
    void refusesAtTheStartAsTheStartWouldAndNamesTheStepThePartnerCannotConfirm() {
        RenewalRefused.AliasInRenewal taken = new RenewalRefused.AliasInRenewal("alias acme-decrypt is already being"
                + " renewed by renewal r-1; one open renewal per alias");
        RenewalPlan open = dryRun.plan(request(null, null, Duration.ofDays(30), null), Optional.of(WITH_KEY),
                Optional.of(taken), T0);
        assertThat(open.wouldStart()).isFalse();
        assertThat(open.refusals()).containsExactly(new Refusal("START", "AliasInRenewal", 409,
                taken.getMessage()));
        assertThat(open.steps()).as("the plan is still given").isNotEmpty();

        RenewalPlan unknownCapability = plan(request(null, KeyPurpose.SIGN_INBOUND_RESPONSE, Duration.ofDays(30),
                null), null);
        assertThat(unknownCapability.wouldStart()).isFalse();
        assertThat(unknownCapability.playbook()).isNull();
        assertThat(unknownCapability.steps()).isEmpty();
        assertThat(unknownCapability.refusals()).containsExactly(new Refusal("START", "InvalidRenewalRequest", 422,
                "partner acme is not registered, so its capability cannot choose the playbook: register it"
                        + " (POST /partners) or name the playbook"));

        RenewalPlan negative = plan(request(null, null, Duration.ofDays(-1), null), WITH_KEY);
        assertThat(negative.refusals()).containsExactly(new Refusal("START", "InvalidRenewalRequest", 422,
                "guaranteedDeliveryTime must be zero or positive"));

        RenewalPlan unregistered = plan(request(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, null,
                Duration.ofDays(30), null), null);
        assertThat(unregistered.wouldStart()).as("the start does not ask the directory").isTrue();
        assertThat(unregistered.partner().channels()).containsExactly("kafka");
        assertThat(unregistered.refusals()).containsExactly(new Refusal("PARTNER_VERIFIES_BOTH",
                "Confirmation rejected", 422, "partner acme is not registered"));

        RenewalPlan withoutKey = plan(request(null, null, Duration.ofDays(30), null), entry(true, List.of()));
        assertThat(withoutKey.wouldStart()).isTrue();
        assertThat(withoutKey.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.step()).isEqualTo("PARTNER_SWITCHED_TO_NEW_KEY");
            assertThat(refusal.reason()).startsWith("partner acme has no registered confirmation key");
        });
    }

    static List<StartRenewalRequest> requestsBreakingARule() {
        Duration month = Duration.ofDays(30);
        return List.of(
                new StartRenewalRequest("acme-decrypt", "acme", Duration.ofDays(-1), null, null, null, null, null,
                        null, null),
                new StartRenewalRequest("Acme Decrypt", "acme", month, null, null, null, null, null, null, null),
                new StartRenewalRequest("acme-decrypt", "acme", month, null, null, null, null, "not a name", null,
                        null),
                new StartRenewalRequest("acme-decrypt", "acme", month, null, null, null, null, null, 0, null));
    }

    @ParameterizedTest
    @MethodSource("requestsBreakingARule")
    void theStartRefusesWhatTheDryRunSaysItWouldWordForWord(StartRenewalRequest request) {
        AggregateTestFixture<Renewal> fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(REMINDER));
        RenewalPlan plan = plan(request, WITH_KEY);
        assertThat(plan.wouldStart()).isFalse();
        Refusal planned = plan.refusals().get(0);
        assertThat(planned.step()).isEqualTo("START");

        fixture.givenNoPriorActivity()
                .when(new StartRenewal(new RenewalId("r-3"), request.alias(), new PartnerId("acme"),
                        Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, request.guaranteedDeliveryTime(),
                        KeyAlgorithm.DEFAULT, ExchangeApproval.TENANT_APPROVES, request.subjectDn(),
                        request.validityDays(), CertificateSource.DEFAULT, T0))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectExceptionMessage(planned.reason());
    }

    @Test
    void listsEveryRuleARequestBreaksWhereTheStartNamesTheFirst() {
        RenewalPlan plan = plan(new StartRenewalRequest("Acme", "acme", Duration.ofDays(-1), null, null, null, null,
                "not a name", 0, null), WITH_KEY);

        assertThat(plan.refusals()).extracting(Refusal::reason).hasSize(4)
                .satisfies(reasons -> {
                    assertThat(reasons.get(0)).startsWith("alias must be");
                    assertThat(reasons.get(1)).startsWith("guaranteedDeliveryTime must be");
                    assertThat(reasons.get(2)).startsWith("subjectDn ");
                    assertThat(reasons.get(3)).startsWith("validityDays ");
                });
    }
}
