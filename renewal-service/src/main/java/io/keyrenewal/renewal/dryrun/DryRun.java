package io.keyrenewal.renewal.dryrun;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.playbook.Actor;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.Milestones;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.playbook.Step;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.confirmation.ConfirmationGate;
import io.keyrenewal.renewal.dryrun.RenewalPlan.Dates;
import io.keyrenewal.renewal.dryrun.RenewalPlan.Message;
import io.keyrenewal.renewal.dryrun.RenewalPlan.PartnerFacts;
import io.keyrenewal.renewal.dryrun.RenewalPlan.PlannedStep;
import io.keyrenewal.renewal.dryrun.RenewalPlan.PlaybookUsed;
import io.keyrenewal.renewal.dryrun.RenewalPlan.Refusal;
import io.keyrenewal.renewal.partner.PartnerDirectory;
import io.keyrenewal.renewal.playbook.PlaybookChoice;
import io.keyrenewal.renewal.playbook.RenewalRefused;
import io.keyrenewal.renewal.playbook.RenewalTimings;
import io.keyrenewal.renewal.playbook.RetentionPolicy;
import io.keyrenewal.renewal.playbook.StartRules;
import io.keyrenewal.renewal.playbook.TenantStepEvents;
import io.keyrenewal.renewal.query.OpenRenewalAliases;
import io.keyrenewal.renewal.web.ProblemDetails;
import io.keyrenewal.renewal.web.StartRenewalRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan of a start request, without effects: it reads the catalogue, the partner directory and the open aliases,
 * and sends no command, stores no event and schedules no deadline. What it says would be refused is what the start
 * (and, for a partner's steps, the confirmation) would answer now, word for word.
 */
@Component
public class DryRun {

    private final PartnerDirectory partners;
    private final OpenRenewalAliases openAliases;
    private final ProblemDetails problems;
    private final RenewalTimings timings;
    private final Clock clock;

    public DryRun(PartnerDirectory partners, OpenRenewalAliases openAliases, ProblemDetails problems,
                  RenewalTimings timings, Clock clock) {
        this.partners = partners;
        this.openAliases = openAliases;
        this.problems = problems;
        this.timings = timings;
        this.clock = clock;
    }

    public RenewalPlan plan(StartRenewalRequest request) {
        return plan(request, partners.find(new PartnerId(request.partnerId())),
                openAliases.refusal(request.alias()), clock.instant());
    }

    /**
     * The plan, given what the directory holds of the partner and whether the alias is taken.
     *
     * @param aliasTaken the refusal a claim of the alias meets now, if it is taken
     */
    RenewalPlan plan(StartRenewalRequest request, Optional<PartnerDirectoryEntry> partner,
                     Optional<RenewalRefused.AliasInRenewal> aliasTaken, Instant now) {
        PartnerId partnerId = new PartnerId(request.partnerId());
        ExchangeApproval approval = Objects.requireNonNullElse(request.exchangeApproval(),
                ExchangeApproval.TENANT_APPROVES);
        // in the order the start meets them: the alias's claim, the playbook's choice, the renewal's own rules (all of
        // those it breaks, where the start names the first)
        List<Refusal> refusals = new ArrayList<>();
        aliasTaken.ifPresent(refused -> refusals.add(atStart(refused)));
        PlaybookChoice choice = null;
        try {
            choice = PlaybookChoice.of(request.playbook(), request.purpose(), partnerId, ignored -> partner);
        } catch (RenewalRefused refused) {
            refusals.add(atStart(refused));
        }
        StartRules.broken(request.alias(), request.guaranteedDeliveryTime(),
                request.subjectDn() == null ? null : request.subjectDn().strip(), request.validityDays())
                .forEach(broken -> refusals.add(atStart(broken)));
        if (choice == null) {
            return new RenewalPlan(false, request.alias(), approval, null, facts(partnerId, partner, null), List.of(),
                    null, refusals);
        }
        PlaybookDefinition playbook = choice.definition();
        Duration retention = RetentionPolicy.retention(request.guaranteedDeliveryTime());
        List<PlannedStep> steps = PlanSimulation.run(playbook, approval, now, now.plus(retention)).stream()
                .map(taken -> planned(playbook, taken)).toList();
        partnersSteps(partnerId, partner, steps).ifPresent(refusals::add);
        return new RenewalPlan(refusals.stream().noneMatch(refusal -> refusal.step().equals(RenewalPlan.START)),
                request.alias(), approval, used(choice), facts(partnerId, partner, playbook), steps,
                new Dates(now, retention, name(playbook.retentionStartsAt()), now.plus(retention),
                        now.plus(retention), name(playbook.abortUntil()), name(playbook.rollbackUntil())),
                refusals);
    }

    /** A refusal of the start, as {@code POST /renewals} answers it. */
    private Refusal atStart(RenewalRefused refused) {
        ProblemDetail answer = problems.refused(refused);
        return new Refusal(RenewalPlan.START, answer.getTitle(), answer.getStatus(), answer.getDetail());
    }

    /**
     * The partner's confirmations cannot be verified: the renewal would start and stop at its first partner step,
     * each confirmation rejected (as the partner's REST answer: 422).
     */
    private static Optional<Refusal> partnersSteps(PartnerId partnerId, Optional<PartnerDirectoryEntry> partner,
                                                   List<PlannedStep> steps) {
        Optional<PlannedStep> first = steps.stream().filter(step -> step.confirmation() != null).findFirst();
        if (first.isEmpty() || partner.map(entry -> !entry.confirmationKeys().isEmpty()).orElse(false)) {
            return Optional.empty();
        }
        String reason = partner.isEmpty() ? ConfirmationGate.notRegistered(partnerId)
                : "partner " + partnerId + " has no registered confirmation key: none of its confirmations can be"
                + " verified, so each is rejected; add its key to its entry (PUT /partners/" + partnerId
                + ", confirmationKeys)";
        return Optional.of(new Refusal(first.get().step(), "Confirmation rejected",
                HttpStatus.UNPROCESSABLE_CONTENT.value(), reason));
    }

    private PlannedStep planned(PlaybookDefinition playbook, PlanSimulation.Taken taken) {
        Step step = taken.step();
        Class<? extends RenewalEvent> event = Milestones.eventRecording(step.milestone());
        boolean partnerStep = step.actor() == Actor.PARTNER;
        boolean tenantStep = step.actor() == Actor.TENANT;
        List<Message> ifLate = new ArrayList<>();
        if (partnerStep) {
            ifLate.addAll(messages(playbook, PartnerStepOverdue.class, Optional.of(step)));
            ifLate.addAll(messages(playbook, PartnerStepEscalated.class, Optional.empty()));
        } else if (playbook.step(Milestone.DOWNTIME_AGREED).isPresent() && step.milestone() == playbook.downtimeEnd()) {
            ifLate.addAll(messages(playbook, DowntimeOverrun.class, Optional.empty()));
        }
        return new PlannedStep(step.milestone().name(), actor(step.actor()),
                taken.byItself() ? actor(Actor.SYSTEM) : actor(step.actor()), event.getSimpleName(), taken.at(),
                step.confirmation(),
                partnerStep ? timings.partnerStepReminderAfter() : null,
                // the renewal escalates a partner step a second reminder period after it asked for it
                partnerStep ? timings.partnerStepReminderAfter().multipliedBy(2) : null,
                tenantStep ? TenantStepEvents.needs(step.milestone()).stream().map(TenantStepEvents.Parameter::field)
                        .toList() : null,
                tenantStep ? TenantStepEvents.automatic(step.milestone()) : null,
                messages(playbook, event, taken.asks()), ifLate);
    }

    /** The message {@code event} yields in a renewal of {@code playbook}; one to the partner names what it asks. */
    private static List<Message> messages(PlaybookDefinition playbook, Class<? extends RenewalEvent> event,
                                          Optional<Step> asks) {
        return WhoIsTold.after(event).map(told -> new Message(event.getSimpleName(), told.role(playbook).name(),
                told.kind(), told.recipient() == WhoIsTold.Recipient.PARTNER
                ? asks.map(Step::confirmation).orElse(null) : null)).stream().toList();
    }

    private static PlaybookUsed used(PlaybookChoice choice) {
        PlaybookDefinition definition = choice.definition();
        return new PlaybookUsed(definition.playbook().name(), definition.number(), definition.title(),
                Playbooks.CATALOGUE_VERSION, choice.how(), choice.purpose(), choice.partnerUsesBothKeys());
    }

    private static PartnerFacts facts(PartnerId partnerId, Optional<PartnerDirectoryEntry> partner,
                                      PlaybookDefinition playbook) {
        List<String> channels = new ArrayList<>();
        partner.ifPresentOrElse(entry -> {
            if (entry.channels().kafka()) {
                channels.add("kafka");
            }
            if (entry.channels().email()) {
                channels.add("email");
            }
            if (entry.channels().webhookUrl() != null) {
                channels.add("webhook");
            }
        }, () -> channels.add("kafka")); // a partner not in the directory is told on Kafka only
        return new PartnerFacts(partnerId.value(), playbook == null ? null : playbook.partnerRole().name(),
                partner.isPresent(), partner.map(entry -> entry.confirmationKeys().stream()
                .map(key -> key.kid()).toList()).orElse(List.of()), channels);
    }

    private static String actor(Actor actor) {
        return actor.name().toLowerCase(Locale.ROOT);
    }

    private static String name(Milestone milestone) {
        return milestone == null ? null : milestone.name();
    }
}
