package io.keyrenewal.renewal.dryrun;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.PartnerChannels;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.Milestones;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.dryrun.RenewalPlan.PlannedStep;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairExchanged;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RecordPartnerCertificateImported;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.playbook.Commands.StepParameters;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import io.keyrenewal.renewal.playbook.Renewal;
import io.keyrenewal.renewal.playbook.RenewalTimings;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.PartnerKeys;
import io.keyrenewal.renewal.web.ProblemDetails;
import io.keyrenewal.renewal.web.StartRenewalRequest;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry run's plan is what a real renewal of the same request then does, step by step. For playbooks of every family
 * (the tenant's signing and decryption keys, the partner's certificate, with and without a downtime, approved and
 * automatic), a renewal of the request runs in the aggregate test fixture, driven by the plan alone: each step the
 * plan gives to the tenant, the partner or the keystore is sent as that party sends it, in the plan's order, and the
 * retention's end comes when the plan waits for it. The milestones the renewal's events record must be the plan's
 * steps in the plan's order: a step out of turn is refused, and a step the plan says the renewal takes by itself must
 * come by itself, exactly there.
 */
class DryRunMatchesRenewalTest {

    static final RenewalId RENEWAL = new RenewalId("r-dry-run");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "acme-dry-run";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration GDT = Duration.ofDays(30);
    static final Duration REMINDER = Duration.ofDays(3);
    static final CertificateInfo NEW = Certificates.certificate(ALIAS, "02", T0);
    static final CertificateRef OLD = Certificates.ref(ALIAS, "01");
    /** RSA, as every partner certificate the tenant verifies with or encrypts to may be. */
    static final String PARTNER_PEM = PartnerKeys.certificate("CN=acme new key, O=ACME", PartnerKeys.rsa(2048),
            T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(365)), false);
    static final PartnerDirectoryEntry ACME_ENTRY = new PartnerDirectoryEntry(ACME, "ACME Corp.", List.of(),
            new PartnerChannels(true, false, null), true, T0, List.of());

    final RenewalTimings timings = new RenewalTimings(REMINDER);
    final DryRun dryRun = new DryRun(null, null, new ProblemDetails(), timings, null);

    @ParameterizedTest(name = "playbook {0}, {1}")
    @CsvSource({
            "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, TENANT_APPROVES",
            "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, AUTOMATIC",
            "TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, AUTOMATIC",
            "TENANT_DECRYPTS_OUTBOUND_RESPONSE, TENANT_APPROVES",
            "TENANT_VERIFIES_INBOUND_REQUEST, TENANT_APPROVES",
            "TENANT_ENCRYPTS_INBOUND_RESPONSE_WITH_DOWNTIME, TENANT_APPROVES",
            "TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME, AUTOMATIC",
            "TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME, TENANT_APPROVES",
            "TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME, AUTOMATIC"})
    void theRenewalTakesThePlansStepsInThePlansOrder(Playbook playbook, ExchangeApproval approval) {
        StartRenewalRequest request = new StartRenewalRequest(ALIAS, ACME.value(), GDT, null, playbook, null,
                approval, null, null, null);
        RenewalPlan plan = dryRun.plan(request, Optional.of(ACME_ENTRY), Optional.empty(), T0);
        assertThat(plan.wouldStart()).isTrue();

        List<String> recorded = new Drive(playbook, approval).by(plan).stream()
                .flatMap(event -> Milestones.recordedBy(event).stream()).map(Milestone::name).toList();

        assertThat(recorded).containsExactlyElementsOf(plan.steps().stream().map(PlannedStep::step).toList());
    }

    /** A real renewal in the fixture, driven by a plan: the outside parties' steps as commands, time as the plan says. */
    final class Drive {

        /** What happened so far, to replay before the next step: commands, and the events of deadlines. */
        private final List<Function<TestExecutor<Renewal>, TestExecutor<Renewal>>> history = new ArrayList<>();
        private final List<RenewalEvent> events = new ArrayList<>();
        private Instant now = T0;
        private int reports;

        Drive(Playbook playbook, ExchangeApproval approval) {
            send(new StartRenewal(RENEWAL, ALIAS, ACME, playbook, GDT, KeyAlgorithm.RSA_3072, approval, null, null,
                    CertificateSource.DEFAULT, T0));
        }

        /** Every event of the renewal, driven by {@code plan}. */
        List<RenewalEvent> by(RenewalPlan plan) {
            for (PlannedStep step : plan.steps()) {
                Milestone milestone = Milestone.valueOf(step.step());
                if (milestone == PlanSimulation.AT_THE_RETENTIONS_END) {
                    Instant afterTheRetention = now.plus(plan.dates().retention()).plus(Duration.ofDays(1));
                    List<RenewalEvent> happened = run(given -> given.whenThenTimeAdvancesTo(afterTheRetention));
                    history.add(given -> given.andGiven(happened));
                    now = afterTheRetention;
                } else if (!step.takenBy().equals("system")) {
                    now = now.plusSeconds(60);
                    send(command(milestone, step));
                }
            }
            return events;
        }

        private Object command(Milestone milestone, PlannedStep step) {
            String report = "report-" + ++reports;
            return switch (step.takenBy()) {
                case "keystore" -> switch (milestone) {
                    case KEY_PAIR_CREATED -> new RecordKeyPairGenerated(RENEWAL, report, NEW, OLD, now);
                    case KEY_PAIR_EXCHANGED -> new RecordKeyPairExchanged(RENEWAL, report, NEW.ref(), OLD, now);
                    case PARTNER_CERTIFICATE_IMPORTED -> new RecordPartnerCertificateImported(RENEWAL, report,
                            Certificates.ref("acme new key", "03"), OLD, now);
                    case OLD_KEY_PAIR_REMOVED -> new RecordKeyPairRemoved(RENEWAL, report, OLD, now);
                    default -> throw new AssertionError("the keystore has no step " + milestone);
                };
                case "partner" -> new ConfirmPartnerStep(RENEWAL, "confirmation-" + reports, ACME,
                        step.confirmation(), now, Duration.ZERO, now, now,
                        milestone == Milestone.PARTNER_CERTIFICATE_RECEIVED ? PARTNER_PEM : null);
                case "tenant" -> new TakeTenantStep(RENEWAL, milestone, milestone == Milestone.DOWNTIME_PROPOSED
                        ? StepParameters.window(now, now.plus(Duration.ofDays(1))) : StepParameters.NONE,
                        "tenant-admin", now);
                default -> throw new AssertionError("no one takes " + step);
            };
        }

        private void send(Object command) {
            List<RenewalEvent> happened = run(given -> given.when(command));
            assertThat(happened).as("what %s recorded", command).isNotEmpty();
            history.add(given -> given.andGivenCommands(command));
        }

        /** Replays the history in a fresh fixture, then runs {@code step}; answers the events it recorded, which it adds to all. */
        private List<RenewalEvent> run(Function<TestExecutor<Renewal>, ResultValidator<Renewal>> step) {
            AggregateTestFixture<Renewal> fixture = new AggregateTestFixture<>(Renewal.class);
            fixture.registerInjectableResource(timings);
            TestExecutor<Renewal> given = fixture.givenCurrentTime(T0);
            for (Function<TestExecutor<Renewal>, TestExecutor<Renewal>> happened : history) {
                given = happened.apply(given);
            }
            List<RenewalEvent> recorded = new ArrayList<>();
            step.apply(given).expectSuccessfulHandlerExecution().expectEventsMatching(capturedInto(recorded));
            events.addAll(recorded);
            return recorded;
        }
    }

    /** Matches any events, keeping their payloads. */
    static Matcher<List<EventMessage<?>>> capturedInto(List<RenewalEvent> into) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                into.clear();
                ((List<?>) actual).forEach(message -> into.add((RenewalEvent) ((EventMessage<?>) message).getPayload()));
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any events");
            }
        };
    }
}
