package io.keyrenewal.renewal.web;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.playbook.Actor;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.playbook.TenantStepEvents;
import io.keyrenewal.renewal.query.RenewalView;
import io.keyrenewal.renewal.query.RenewalViewRepository;
import io.keyrenewal.renewal.security.Callers;
import io.keyrenewal.renewal.web.TenantStepRequests.ProposeDowntimeRequest;
import io.keyrenewal.renewal.web.TenantStepRequests.ReasonRequest;
import io.keyrenewal.renewal.web.TenantStepRequests.TakeStepRequest;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tenant administrator's REST API for renewals: start one, take the tenant's steps, read where they stand. Each
 * step answers with the renewal as it stands after it; a step the playbook does not allow now is refused (409) with
 * the reason and changes nothing.
 */
@RestController
@RequestMapping("/renewals")
@Tag(name = "Renewals", description = "The tenant administrator starts renewals and takes the tenant's steps")
public class RenewalController {

    private static final String INVALID = "Invalid request";

    private static final Logger log = LoggerFactory.getLogger(RenewalController.class);

    private final CommandGateway commands;
    private final RenewalViewRepository views;
    private final RenewalStarts starts;
    private final EventStore eventStore;
    private final Clock clock;

    public RenewalController(CommandGateway commands, RenewalViewRepository views, RenewalStarts starts,
                             EventStore eventStore, Clock clock) {
        this.commands = commands;
        this.views = views;
        this.starts = starts;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    public record Started(String renewalId) {
    }

    /** One event of the renewal's history, as stored, at the event's own time (the one the as-of queries take). */
    public record HistoryEntry(long sequence, String eventId, String type, Instant at) {
    }

    /**
     * A renewal, the tenant steps its playbook allows now (what {@code POST /renewals/{id}/steps/{step}} takes) and its
     * history.
     */
    public record RenewalDetail(RenewalView renewal, List<TenantStepNow> tenantSteps, List<HistoryEntry> history) {
    }

    /**
     * A tenant step the renewal's playbook allows now.
     *
     * @param step  its name in the catalogue ({@code GET /playbooks}), as {@code POST /renewals/{id}/steps/{step}}
     *              takes it (or in kebab case)
     * @param needs the body's fields it needs, e.g. {@code windowStart} and {@code windowEnd}
     */
    public record TenantStepNow(String step, List<String> needs) {
    }

    @Operation(summary = "Start a renewal", description = "Claims the alias (one open renewal per alias) and starts"
            + " the renewal; 201 with its id and Location. The playbook is the one named, else the one the purpose and"
            + " the partner's registered capability choose.")
    @ApiExample(status = 201, request = """
            {"alias":"partner-acme-decrypt","partnerId":"acme","guaranteedDeliveryTime":"P30D",\
            "keyAlgorithm":"EC_P256","subjectDn":"CN=partner-acme-decrypt, O=Tenant AG, C=CH","validityDays":397}""",
            response = """
            {"renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33"}""")
    @Refusal(status = 400, title = INVALID, detail = "validityDays must be between 1 and 3650")
    @Refusal(status = 409, title = "AliasInRenewal", detail = "alias partner-acme-decrypt is already being renewed by"
            + " renewal 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33")
    @Refusal(status = 422, title = "InvalidRenewalRequest", detail = "partner acme is not registered, so its"
            + " capability cannot choose the playbook: register it (POST /partners) or name the playbook")
    @PostMapping
    public ResponseEntity<Started> start(@Valid @RequestBody StartRenewalRequest request) {
        RenewalId renewalId = RenewalId.random();
        starts.start(renewalId, request, clock.instant());
        log.info("Renewal {} started for alias {} with partner {}", renewalId, request.alias(), request.partnerId());
        return ResponseEntity.created(URI.create("/renewals/" + renewalId)).body(new Started(renewalId.value()));
    }

    /** Renewals, newest first; every filter is optional. */
    @Operation(summary = "List renewals, newest first", description = "Every filter is optional.")
    @ApiExample(response = "[" + ApiExamples.RENEWAL_VIEW + "]")
    @GetMapping
    public List<RenewalView> list(@Parameter(description = "OPEN, COMPLETED, ABORTED or ROLLED_BACK")
                                  @RequestParam(required = false) String state,
                                  @RequestParam(required = false) String partnerId,
                                  @RequestParam(required = false) String alias) {
        return views.find(state, partnerId, alias);
    }

    @Operation(summary = "Read a renewal and its history", description = "Where the renewal stands (state, steps"
            + " done, awaited and by whom, waiting since, certificates, retention, downtime) and every stored event.")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL)
    @Refusal(status = 404, title = "Unknown renewal", detail = "no renewal with id"
            + " 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33")
    @GetMapping("/{renewalId}")
    public RenewalDetail get(@PathVariable String renewalId) {
        RenewalView view = views.findById(renewalId).orElseThrow(() -> new UnknownRenewal(renewalId));
        List<HistoryEntry> history = eventStore.readEvents(renewalId).asStream()
                .map(event -> new HistoryEntry(event.getSequenceNumber(), event.getIdentifier(),
                        event.getPayloadType().getSimpleName(), event.getPayload() instanceof RenewalEvent renewal
                        ? renewal.at() : event.getTimestamp()))
                .toList();
        return new RenewalDetail(view, tenantStepsNow(view), history);
    }

    /**
     * Any tenant step of the renewal's playbook, named as the catalogue names it ({@code EXCHANGE_APPROVED}) or in
     * kebab case ({@code exchange-approved}); the body carries what the step needs.
     */
    @Operation(summary = "Take a tenant step of the renewal's playbook", description = "The step is named as the"
            + " catalogue (GET /playbooks) names it, e.g. EXCHANGE_APPROVED, or in kebab case, exchange-approved; the"
            + " renewal's tenantSteps list those its playbook allows now and what each needs. The body is optional:"
            + " windowStart and windowEnd for DOWNTIME_PROPOSED, nothing for the others; by, if given, must be the"
            + " logged-in user. A step name the catalogue does not know is a 400 that lists the tenant steps of the"
            + " renewal's playbook; a step the playbook does not allow now (not its step, not the tenant's, already"
            + " done, or needing another first) is a 409 with the reason.")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL, request = """
            {"windowStart":"2026-12-01T22:00:00Z","windowEnd":"2026-12-01T23:00:00Z"}""")
    @TenantStep
    @Refusal(status = 400, title = INVALID, detail = "windowEnd must not be null")
    @Refusal(status = 422, title = "InvalidRenewalRequest", detail = "the downtime window must not start in the past")
    @PostMapping("/{renewalId}/steps/{step}")
    public RenewalDetail takeStep(@PathVariable String renewalId,
                                  @Parameter(description = "a tenant step, e.g. EXCHANGE_APPROVED or exchange-approved")
                                  @PathVariable String step,
                                  @Valid @RequestBody(required = false) TakeStepRequest request) {
        TakeStepRequest body = request == null ? TakeStepRequest.NONE : request;
        Milestone milestone = milestoneNamed(step).orElseThrow(() -> unknownStep(renewalId, step));
        List<TenantStepEvents.ParameterProblem> problems = new ArrayList<>();
        if (body.by() != null && !body.by().equals(Callers.name())) {
            problems.add(new TenantStepEvents.ParameterProblem("by", "must be the logged-in user, " + Callers.name()
                    + ", or be left out: the history names who takes the step"));
        }
        problems.addAll(TenantStepEvents.parameterProblems(milestone, body.parameters()));
        if (!problems.isEmpty()) {
            throw new InvalidStepRequest(problems.stream().map(problem -> problem.field() + " " + problem.message())
                    .collect(Collectors.joining("; ")), problems);
        }
        return takeStep(renewalId, milestone, body.parameters());
    }

    /** Playbook 2, step 3: an alias of {@code POST /renewals/{id}/steps/DOWNTIME_PROPOSED}. */
    @Operation(summary = "Propose a downtime window (playbook 2, step 3)", description = "The same as POST"
            + " /renewals/{renewalId}/steps/DOWNTIME_PROPOSED with this body.")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL, request = """
            {"windowStart":"2026-12-01T22:00:00Z","windowEnd":"2026-12-01T23:00:00Z"}""")
    @TenantStep
    @Refusal(status = 400, title = INVALID, detail = "windowEnd must not be null")
    @Refusal(status = 422, title = "InvalidRenewalRequest", detail = "the downtime window must not start in the past")
    @PostMapping("/{renewalId}/downtime")
    public RenewalDetail proposeDowntime(@PathVariable String renewalId,
                                         @Valid @RequestBody ProposeDowntimeRequest request) {
        return takeStep(renewalId, Milestone.DOWNTIME_PROPOSED,
                Commands.StepParameters.window(request.windowStart(), request.windowEnd()));
    }

    /** Playbook 2, step 7: an alias of {@code POST /renewals/{id}/steps/DRAIN_CONFIRMED}. */
    @Operation(summary = "Confirm no message signed with the old key is left (playbook 2, step 7)", description = "The"
            + " same as POST /renewals/{renewalId}/steps/DRAIN_CONFIRMED.")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL)
    @TenantStep
    @PostMapping("/{renewalId}/drain-confirmation")
    public RenewalDetail confirmDrain(@PathVariable String renewalId) {
        return takeStep(renewalId, Milestone.DRAIN_CONFIRMED, Commands.StepParameters.NONE);
    }

    /** Playbooks 1 and 2: an alias of {@code POST /renewals/{id}/steps/EXCHANGE_APPROVED}. */
    @Operation(summary = "Approve the key exchange (playbooks 1 and 2)", description = "The same as POST"
            + " /renewals/{renewalId}/steps/EXCHANGE_APPROVED.")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL)
    @TenantStep
    @PostMapping("/{renewalId}/exchange-approval")
    public RenewalDetail approveExchange(@PathVariable String renewalId) {
        return takeStep(renewalId, Milestone.EXCHANGE_APPROVED, Commands.StepParameters.NONE);
    }

    @Operation(summary = "Abort the renewal")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL, request = ApiExamples.REASON)
    @TenantStep
    @Refusal(status = 400, title = INVALID, detail = "reason must not be blank")
    @PostMapping("/{renewalId}/abort")
    public RenewalDetail abort(@PathVariable String renewalId, @Valid @RequestBody ReasonRequest request) {
        return step(renewalId, id -> new Commands.AbortRenewal(id, request.reason(), Callers.name(),
                clock.instant()));
    }

    @Operation(summary = "Roll the exchange back (playbook 1)")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL, request = ApiExamples.REASON)
    @TenantStep
    @Refusal(status = 400, title = INVALID, detail = "reason must not be blank")
    @PostMapping("/{renewalId}/rollback")
    public RenewalDetail rollBack(@PathVariable String renewalId, @Valid @RequestBody ReasonRequest request) {
        return step(renewalId, id -> new Commands.RollBack(id, request.reason(), Callers.name(), clock.instant()));
    }

    /** Removes the old key pair now; refused (409) before the retention period is over. */
    @Operation(summary = "Remove the old key pair now (after its retention)")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL)
    @TenantStep
    @Refusal(status = 409, title = "RetentionNotElapsed", detail = "the old key pair is retained until"
            + " 2027-02-20T10:00:00Z")
    @PostMapping("/{renewalId}/old-key-pair-removal")
    public RenewalDetail removeOldKeyPair(@PathVariable String renewalId) {
        return step(renewalId, id -> new Commands.RemoveOldKeyPair(id, Callers.name(), clock.instant()));
    }

    /**
     * The keystore failed a step (the renewal's {@code keystoreFailure}): it carries the step out again as it was
     * decided; refused (409) if no keystore step failed. The outcome comes as for the step itself.
     */
    @Operation(summary = "Carry out a failed keystore step again")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL)
    @TenantStep
    @PostMapping("/{renewalId}/keystore-retry")
    public RenewalDetail retryKeystoreStep(@PathVariable String renewalId) {
        return step(renewalId, id -> new Commands.RetryKeystoreStep(id, Callers.name(), clock.instant()));
    }

    /**
     * The keystore failed to remove the old key pair: the tenant accepts that it stays (archived) and the renewal
     * completes; refused (409) for any other step (retry it, or abort).
     */
    @Operation(summary = "Accept that the old key pair stays (failed removal)")
    @ApiExample(response = ApiExamples.RENEWAL_DETAIL, request = ApiExamples.REASON)
    @TenantStep
    @Refusal(status = 400, title = INVALID, detail = "reason must not be blank")
    @PostMapping("/{renewalId}/keystore-resolution")
    public RenewalDetail resolveKeystoreStep(@PathVariable String renewalId,
                                             @Valid @RequestBody ReasonRequest request) {
        return step(renewalId, id -> new Commands.ResolveKeystoreStep(id, request.reason(), Callers.name(),
                clock.instant()));
    }

    /** The milestone {@code step} names, in the catalogue's spelling or in kebab case. */
    private static Optional<Milestone> milestoneNamed(String step) {
        String name = step.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(Milestone.values()).filter(milestone -> milestone.name().equals(name)).findFirst();
    }

    /** A step name the catalogue does not know: the refusal lists the tenant steps of the renewal's playbook. */
    private RuntimeException unknownStep(String renewalId, String step) {
        RenewalStarted started = eventStore.readEvents(renewalId).asStream().findFirst()
                .map(message -> message.getPayload()).filter(RenewalStarted.class::isInstance)
                .map(RenewalStarted.class::cast).orElseThrow(() -> new UnknownRenewal(renewalId));
        PlaybookDefinition playbook = Playbooks.of(started.playbook(), started.catalogueVersion());
        List<String> tenantSteps = playbook.steps().stream().filter(candidate -> candidate.actor() == Actor.TENANT)
                .map(candidate -> candidate.milestone().name()).toList();
        String detail = "no step is named " + step + "; the tenant steps of playbook " + playbook.playbook() + " are "
                + (tenantSteps.isEmpty() ? "none" : String.join(", ", tenantSteps) + " (or in kebab case, e.g. "
                + tenantSteps.get(0).toLowerCase(Locale.ROOT).replace('_', '-') + ")");
        return new InvalidStepRequest(detail, List.of(new TenantStepEvents.ParameterProblem("step", detail)));
    }

    /** The tenant steps the renewal's playbook allows now, from its view. */
    private static List<TenantStepNow> tenantStepsNow(RenewalView view) {
        if (!"OPEN".equals(view.getState()) || view.getAwaiting() == null) {
            return List.of();
        }
        PlaybookDefinition playbook = Playbooks.of(Playbook.valueOf(view.getPlaybook()));
        return Arrays.stream(view.getAwaiting().split(",")).filter(name -> !name.isBlank()).map(Milestone::valueOf)
                .filter(milestone -> playbook.step(milestone).filter(step -> step.actor() == Actor.TENANT).isPresent())
                .map(milestone -> new TenantStepNow(milestone.name(), TenantStepEvents.needs(milestone).stream()
                        .map(TenantStepEvents.Parameter::field).toList()))
                .toList();
    }

    /** A tenant step of the playbook, through the one command that takes them all. */
    private RenewalDetail takeStep(String renewalId, Milestone milestone, Commands.StepParameters parameters) {
        return step(renewalId, id -> new Commands.TakeTenantStep(id, milestone, parameters, Callers.name(),
                clock.instant()));
    }

    /**
     * Sends the step's command to the renewal itself, not to its view: the view may lag behind the event store (just
     * after the start, or while another instance takes over its projection), and the step must not depend on it.
     * The answer shows the view; if it has not caught up with this renewal yet, 503 says the step was taken.
     */
    private RenewalDetail step(String renewalId, Function<RenewalId, Object> command) {
        try {
            commands.sendAndWait(command.apply(new RenewalId(renewalId)));
        } catch (AggregateNotFoundException unknown) {
            throw new UnknownRenewal(renewalId);
        }
        return views.findById(renewalId).map(view -> get(renewalId))
                .orElseThrow(() -> new ViewCatchingUp(renewalId));
    }

    /** The step was taken, but the renewal's view has not caught up with the renewal yet. */
    public static class ViewCatchingUp extends RuntimeException {
        public ViewCatchingUp(String renewalId) {
            super("the step was taken on renewal " + renewalId + ", whose view is still catching up: GET /renewals/"
                    + renewalId + " again in a moment (sending the step again is answered 409 or changes nothing)");
        }
    }

    /** A step request the renewal is not asked: an unknown step, or parameters the step does not take or lacks. */
    public static class InvalidStepRequest extends RuntimeException {
        final List<TenantStepEvents.ParameterProblem> problems;

        InvalidStepRequest(String detail, List<TenantStepEvents.ParameterProblem> problems) {
            super(detail);
            this.problems = List.copyOf(problems);
        }
    }

    /** No renewal has this id. */
    public static class UnknownRenewal extends RuntimeException {
        public UnknownRenewal(String renewalId) {
            super("no renewal with id " + renewalId);
        }
    }
}
