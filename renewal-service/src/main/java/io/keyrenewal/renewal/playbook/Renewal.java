package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Actor;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.Milestones;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.playbook.Step;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateRequestedFromCa;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.KeystoreStepResolved;
import io.keyrenewal.contracts.renewal.KeystoreStepRetried;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerConfirmationRejected;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.RollbackDecided;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.contracts.renewal.StagedKeyPairDiscarded;
import io.keyrenewal.renewal.playbook.Commands.AbortRenewal;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordCertificateSigningRequest;
import io.keyrenewal.renewal.playbook.Commands.RecordConfirmationRejection;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairDiscarded;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairExchanged;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRolledBack;
import io.keyrenewal.renewal.playbook.Commands.RecordKeystoreFailure;
import io.keyrenewal.renewal.playbook.Commands.RecordPartnerCertificateImported;
import io.keyrenewal.renewal.playbook.Commands.RefusePartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RemoveOldKeyPair;
import io.keyrenewal.renewal.playbook.Commands.ResolveKeystoreStep;
import io.keyrenewal.renewal.playbook.Commands.RetryKeystoreStep;
import io.keyrenewal.renewal.playbook.Commands.RollBack;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One renewal: one alias, one partner, one playbook. It reads its {@link PlaybookDefinition} to decide whether a step
 * is allowed now, takes the system's steps itself as soon as they are, and refuses everything else with a reason,
 * changing nothing. The keystore and the partner carry the steps out and report back.
 */
@Aggregate
public class Renewal {

    static final String RETENTION_ELAPSED = "retention-elapsed";
    static final String PARTNER_STEP_OVERDUE = "partner-step-overdue";
    static final String PARTNER_STEP_ESCALATION = "partner-step-escalation";
    static final String DOWNTIME_WINDOW_END = "downtime-window-end";
    static final String KEYSTORE_RETRY = "keystore-retry";
    static final String SYSTEM = "system";
    /** The keystore's operations, as its reports name them. */
    static final String EXCHANGE = "EXCHANGE";
    static final String REMOVE = Milestones.REMOVE;
    static final String DISCARD = "DISCARD";

    /** Whether the renewal still takes steps. */
    enum Status { OPEN, COMPLETED, ABORTED, ROLLED_BACK }

    @AggregateIdentifier
    private RenewalId renewalId;
    private String alias;
    private PartnerId partnerId;
    private PlaybookDefinition playbook;
    private Duration guaranteedDeliveryTime;
    private ExchangeApproval exchangeApproval;
    private CertificateSource certificateSource;
    private Fingerprint publicKeyAwaitingCa;
    private Status status;
    private final Set<Milestone> done = EnumSet.noneOf(Milestone.class);
    private CertificateInfo newCertificate;
    private CertificateRef oldCertificate;
    private Instant retainOldKeyUntil;
    private Instant windowStart;
    private Instant windowEnd;
    private Instant stoppedSendingAt;
    private boolean rollbackDecided;
    private boolean stagedKeyPairDiscarded;
    /** The keystore operation that failed last and has not succeeded since (GENERATE, EXCHANGE, ...), or null. */
    private String failedKeystoreOperation;
    /** A retry of {@link #failedKeystoreOperation} is on its way to the keystore. */
    private boolean keystoreRetryPending;
    /** Retries the renewal made by itself since its keystore steps last succeeded. */
    private int automaticKeystoreRetries;
    /** The partner step the partner refused and has not confirmed since, or null. */
    private ConfirmationType refusedStep;
    private final Set<String> acceptedConfirmations = new HashSet<>();
    private final Set<String> recordedFailureReports = new HashSet<>();
    private final Set<String> recordedRejections = new HashSet<>();

    protected Renewal() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Renewal(StartRenewal command, DeadlineManager deadlines, RenewalTimings timings) {
        PlaybookDefinition definition = definitionOf(command.playbook());
        List<RenewalRefused> broken = StartRules.broken(command.alias(), command.guaranteedDeliveryTime(),
                command.subjectDn(), command.validityDays());
        if (!broken.isEmpty()) {
            throw broken.get(0);
        }
        apply(new RenewalStarted(command.renewalId(), command.alias(), command.partnerId(), command.playbook(),
                command.guaranteedDeliveryTime(), command.keyAlgorithm(), command.requestedAt(),
                command.exchangeApproval(), command.subjectDn(), command.validityDays(),
                command.certificateSource(), definition.newKeyPair(), Playbooks.CATALOGUE_VERSION,
                definition.partnerRole(), definition.partnerCertificateUse())).andThen(() -> {
            // a playbook that starts with a system step (asking the partner for its certificate) takes it now; in a
            // constructor Axon applies the event after the handler returns, so this runs once the state has it
            advance(command.requestedAt(), timings);
            remindOfNewPartnerSteps(Set.of(), command.requestedAt(), deadlines, timings);
        });
    }

    private static PlaybookDefinition definitionOf(Playbook playbook) {
        try {
            return Playbooks.of(playbook);
        } catch (Playbooks.NotInCatalogue missing) {
            throw new RenewalRefused.PlaybookNotSupported(missing.getMessage());
        }
    }

    // ---- the keystore's steps -------------------------------------------------------------------------------------

    @CommandHandler
    public void handle(RecordKeyPairGenerated command, DeadlineManager deadlines, RenewalTimings timings) {
        if (status == Status.ABORTED) {
            return; // generated while the abort was on its way; the keystore discards it on the abort
        }
        if (done.contains(Milestone.KEY_PAIR_CREATED) && command.certificate().equals(newCertificate)) {
            return; // the keystore reported the same key pair again
        }
        require(Milestone.KEY_PAIR_CREATED, Actor.KEYSTORE);
        Set<Step> awaited = awaitedPartnerSteps();
        apply(new NewKeyPairCreated(renewalId, alias, command.certificate(), command.previous(),
                command.recordedAt()));
        advance(command.recordedAt(), timings);
        remindOfNewPartnerSteps(awaited, command.recordedAt(), deadlines, timings);
    }

    /** A renewal with a CA-issued certificate: the keystore asked the CA; the renewal waits for the keystore. */
    @CommandHandler
    public void handle(RecordCertificateSigningRequest command) {
        if (status != Status.OPEN || done.contains(Milestone.KEY_PAIR_CREATED)
                || command.publicKeySha256().equals(publicKeyAwaitingCa)) {
            return; // aborted meanwhile, the certificate came already, or the same request reported again
        }
        if (certificateSource != CertificateSource.CA) {
            throw new RenewalRefused.StepNotAllowed("renewal " + renewalId + " asked for a " + certificateSource
                    + " certificate, not one from a CA");
        }
        apply(new CertificateRequestedFromCa(renewalId, alias, command.reportId(), command.subject(),
                command.certificateSigningRequest(), command.publicKeySha256(), command.recordedAt()));
    }

    @CommandHandler
    public void handle(RecordKeyPairExchanged command, DeadlineManager deadlines, RenewalTimings timings) {
        if (done.contains(Milestone.KEY_PAIR_EXCHANGED)) {
            return;
        }
        require(Milestone.KEY_PAIR_EXCHANGED, Actor.KEYSTORE);
        Set<Step> awaited = awaitedPartnerSteps();
        Instant retainUntil = retentionFrom(Milestone.KEY_PAIR_EXCHANGED, command.recordedAt(), deadlines);
        apply(new KeyPairExchanged(renewalId, alias, command.activated(), command.archived(), retainUntil,
                command.recordedAt()));
        advance(command.recordedAt(), timings);
        remindOfNewPartnerSteps(awaited, command.recordedAt(), deadlines, timings);
    }

    /**
     * The keystore holds the partner's new certificate as the alias's active one, the one it replaced kept beside it:
     * the partner is told, with the fingerprint, and asked to switch to its new key.
     */
    @CommandHandler
    public void handle(RecordPartnerCertificateImported command, DeadlineManager deadlines, RenewalTimings timings) {
        if (done.contains(Milestone.PARTNER_CERTIFICATE_IMPORTED)) {
            return; // the keystore reported the import again
        }
        require(Milestone.PARTNER_CERTIFICATE_IMPORTED, Actor.KEYSTORE);
        Set<Step> awaited = awaitedPartnerSteps();
        apply(new PartnerCertificateImported(renewalId, alias, partnerId, playbook.partnerRole(), playbook.playbook(),
                command.imported(), command.previous(), command.recordedAt(),
                respondBy(Milestone.PARTNER_CERTIFICATE_IMPORTED, command.recordedAt(), timings),
                awaitedConfirmation(Milestone.PARTNER_CERTIFICATE_IMPORTED), playbook.partnerCertificateUse(),
                retentionFrom(Milestone.PARTNER_CERTIFICATE_IMPORTED, command.recordedAt(), deadlines)));
        advance(command.recordedAt(), timings);
        remindOfNewPartnerSteps(awaited, command.recordedAt(), deadlines, timings);
    }

    @CommandHandler
    public void handle(RecordKeyPairRemoved command, RenewalTimings timings) {
        if (done.contains(Milestone.OLD_KEY_PAIR_REMOVED)) {
            return; // the keystore reported the removal again
        }
        require(Milestone.OLD_KEY_PAIR_REMOVED, Actor.KEYSTORE);
        apply(new OldKeyPairRemoved(renewalId, alias, command.removed(), command.recordedAt()));
        advance(command.recordedAt(), timings);
    }

    @CommandHandler
    public void handle(RecordKeyPairDiscarded command) {
        if (stagedKeyPairDiscarded) {
            return;
        }
        if (status != Status.ABORTED) {
            throw new RenewalRefused.StepNotAllowed("the staged key pair is discarded only after an abort");
        }
        apply(new StagedKeyPairDiscarded(renewalId, alias, command.discarded(), command.recordedAt()));
    }

    @CommandHandler
    public void handle(RecordKeyPairRolledBack command) {
        if (status == Status.ROLLED_BACK) {
            return;
        }
        if (!rollbackDecided) {
            throw new RenewalRefused.StepNotAllowed("no rollback was decided for renewal " + renewalId);
        }
        apply(new KeyPairRolledBack(renewalId, alias, partnerId, playbook.partnerRole(), command.reactivated(),
                command.recordedAt()));
    }

    /**
     * The keystore could not carry out a step: recorded, and retried by the renewal itself after a backoff (as long
     * as its automatic retries last and a retry is possible); the tenant may retry, abort or resolve meanwhile.
     */
    @CommandHandler
    public void handle(RecordKeystoreFailure command, DeadlineManager deadlines, RenewalTimings timings) {
        if (recordedFailureReports.contains(command.reportId())) {
            return; // the same failure report delivered again
        }
        Instant nextRetry = retryPossible(command.operation())
                ? timings.nextKeystoreRetry(command.recordedAt(), automaticKeystoreRetries) : null;
        apply(new KeystoreFailureRecorded(renewalId, command.reportId(), command.operation(), command.reason(),
                command.recordedAt(), automaticKeystoreRetries, nextRetry));
        if (nextRetry != null) {
            deadlines.schedule(nextRetry, KEYSTORE_RETRY);
        }
    }

    /** The automatic retry of a failed keystore step is due: the step goes to the keystore again, as decided. */
    @DeadlineHandler(deadlineName = KEYSTORE_RETRY)
    public void onKeystoreRetryDue(@Timestamp Instant firedAt) {
        if (failedKeystoreOperation != null && !keystoreRetryPending && retryPossible(failedKeystoreOperation)) {
            apply(new KeystoreStepRetried(renewalId, alias, failedKeystoreOperation, SYSTEM, firedAt));
        }
    }

    /** A failed step can be retried while the renewal is open; after an abort only the discarding. */
    private boolean retryPossible(String operation) {
        return status == Status.OPEN || (status == Status.ABORTED && DISCARD.equals(operation)
                && !stagedKeyPairDiscarded);
    }

    /**
     * The keystore failed a step: the tenant has it carried out again, as it was decided. Only the step that failed
     * last, once (again only after its outcome is reported); after an abort only the discarding of the staged key
     * pair.
     */
    @CommandHandler
    public void handle(RetryKeystoreStep command) {
        if (keystoreRetryPending) {
            return; // asked twice: one retry is on its way
        }
        if (failedKeystoreOperation == null) {
            throw new RenewalRefused.StepNotAllowed("no keystore step of renewal " + renewalId + " has failed:"
                    + " nothing to retry");
        }
        if (!retryPossible(failedKeystoreOperation)) {
            requireOpen();
        }
        apply(new KeystoreStepRetried(renewalId, alias, failedKeystoreOperation, command.by(),
                command.requestedAt()));
    }

    /**
     * The keystore failed to remove the old key pair after its retention: the tenant accepts that it stays (archived)
     * and the renewal completes. Only that step can be settled this way; the others are retried, or the renewal is
     * aborted.
     */
    @CommandHandler
    public void handle(ResolveKeystoreStep command, RenewalTimings timings) {
        if (done.contains(Milestone.OLD_KEY_PAIR_REMOVED)) {
            return;
        }
        requireOpen();
        if (!REMOVE.equals(failedKeystoreOperation)) {
            throw new RenewalRefused.StepNotAllowed(failedKeystoreOperation == null
                    ? "no keystore step of renewal " + renewalId + " has failed: nothing to resolve"
                    : "only a failed removal of the old key pair can be resolved; the keystore failed "
                    + failedKeystoreOperation + ": retry it" + (abortAllowed() ? " or abort the renewal" : ""));
        }
        if (keystoreRetryPending) {
            throw new RenewalRefused.StepNotAllowed("a retry of the removal is on its way to the keystore: wait for"
                    + " its outcome");
        }
        apply(new KeystoreStepResolved(renewalId, alias, REMOVE, oldCertificate, command.reason(), command.by(),
                command.requestedAt()));
        advance(command.requestedAt(), timings);
    }

    // ---- the partner's steps --------------------------------------------------------------------------------------

    @CommandHandler
    public void handle(ConfirmPartnerStep command, DeadlineManager deadlines, RenewalTimings timings) {
        if (answeredBefore(command.partnerId(), command.confirmationId())) {
            return; // a partner's retry of a confirmation already applied
        }
        Step step = partnerStepAnswered(command.type(), command.confirmedAt(), command.maxClockSkew(),
                command.arrivedAt());
        if (done.contains(step.milestone())) {
            return; // the step was confirmed before (a retry under a new confirmation id)
        }
        require(step.milestone(), Actor.PARTNER);
        Instant at = command.receivedAt();
        String id = command.confirmationId();
        switch (step.milestone()) {
            case PARTNER_VERIFIES_BOTH -> apply(new PartnerVerifiesBoth(renewalId, partnerId, id, at));
            case PARTNER_CERTIFICATE_RECEIVED -> {
                if (command.certificate() == null) {
                    throw new RenewalRefused.InvalidRenewalRequest("a NEW_CERTIFICATE confirmation carries the"
                            + " partner's new certificate as PEM in 'certificate'");
                }
                apply(new PartnerCertificateReceived(renewalId, alias, partnerId, id,
                        PartnerCertificateRules.check(command.certificate(), at, playbook.partnerCertificateUse()),
                        at, playbook.partnerCertificateUse()));
            }
            case DOWNTIME_AGREED -> {
                apply(new DowntimeAgreed(renewalId, partnerId, id, windowStart, windowEnd, at,
                        respondBy(Milestone.DOWNTIME_AGREED, at, timings),
                        awaitedConfirmation(Milestone.DOWNTIME_AGREED)));
                deadlines.schedule(windowEnd, DOWNTIME_WINDOW_END);
            }
            case SENDER_STOPPED_SENDING -> {
                if (at.isBefore(windowStart)) {
                    throw new RenewalRefused.StepNotAllowed("the sender may stop sending only from the start of the"
                            + " agreed downtime window, " + windowStart);
                }
                apply(new SenderStoppedSending(renewalId, partnerId, id, at,
                        awaitedConfirmation(Milestone.SENDER_STOPPED_SENDING)));
            }
            case SENDER_EXCHANGED_CERTIFICATE -> apply(new SenderExchangedCertificate(renewalId, partnerId, id, at));
            case PARTNER_REMOVED_OLD_CERTIFICATE ->
                    apply(new PartnerRemovedOldCertificate(renewalId, partnerId, id, at));
            case SENDER_RESUMED_SENDING -> apply(new SenderResumedSending(renewalId, partnerId, id,
                    Duration.between(stoppedSendingAt, at), windowStart, windowEnd, at));
            case PARTNER_SWITCHED_TO_NEW_KEY -> apply(new PartnerSwitchedToNewKey(renewalId, partnerId, id,
                    retentionFrom(Milestone.PARTNER_SWITCHED_TO_NEW_KEY, at, deadlines), at));
            default -> throw new IllegalStateException(step.milestone() + " has no partner confirmation");
        }
        advance(at, timings);
        // the playbooks await one partner step at a time: its reminders are moot, the next one's start now
        deadlines.cancelAllWithinScope(PARTNER_STEP_OVERDUE);
        deadlines.cancelAllWithinScope(PARTNER_STEP_ESCALATION);
        remindOfNewPartnerSteps(Set.of(), at, deadlines, timings);
    }

    /**
     * The partner refuses the step it is asked for: recorded with its reason; the step stays awaited (the partner may
     * still confirm it), the reminders for it stop, and the tenant decides (abort, roll back, or agree with the
     * partner). Only the step awaited from this partner now can be refused.
     */
    @CommandHandler
    public void handle(RefusePartnerStep command, DeadlineManager deadlines) {
        if (answeredBefore(command.partnerId(), command.confirmationId())) {
            return; // the partner's retry of a refusal already recorded
        }
        Step step = partnerStepAnswered(command.type(), command.confirmedAt(), command.maxClockSkew(),
                command.arrivedAt());
        require(step.milestone(), Actor.PARTNER);
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RenewalRefused.InvalidRenewalRequest("a refusal needs a reason");
        }
        apply(new PartnerRefusedStep(renewalId, partnerId, step.confirmation(), command.reason(), command.code(),
                command.confirmationId(), command.receivedAt()));
        // the partner answered: reminding it is moot, and the tenant is told now rather than escalated to later
        deadlines.cancelAllWithinScope(PARTNER_STEP_OVERDUE);
        deadlines.cancelAllWithinScope(PARTNER_STEP_ESCALATION);
    }

    /** Whether this confirmation id was applied before; refused if the renewal is not this partner's. */
    private boolean answeredBefore(PartnerId partner, String confirmationId) {
        if (!partnerId.equals(partner)) {
            throw new RenewalRefused.PartnerMismatch("renewal " + renewalId + " belongs to partner " + partnerId
                    + ", not to " + partner);
        }
        return acceptedConfirmations.contains(confirmationId);
    }

    /** The partner step a confirmation or refusal answers, once its time and the renewal's state allow it. */
    private Step partnerStepAnswered(ConfirmationType type, Instant confirmedAt, Duration maxClockSkew,
                                     Instant arrivedAt) {
        Duration skew = Duration.between(confirmedAt, arrivedAt).abs();
        if (skew.compareTo(maxClockSkew) > 0) {
            throw new RenewalRefused.StaleConfirmation("the confirmation was made at " + confirmedAt + ", " + skew
                    + " from its arrival at " + arrivedAt + "; at most " + maxClockSkew + " is accepted (send a new"
                    + " confirmation with the current time)");
        }
        requireOpen();
        return playbook.partnerStep(type).orElseThrow(() -> new RenewalRefused.StepNotAllowed(
                type + " is not a step of playbook " + playbook.playbook()));
    }

    @CommandHandler
    public void handle(RecordConfirmationRejection command) {
        if (recordedRejections.contains(command.rejectionId())) {
            return; // the same record or request, delivered again
        }
        apply(new PartnerConfirmationRejected(renewalId, command.rejectionId(), command.confirmationId(),
                command.partnerId(), command.type(), command.reason(), command.rejectedAt()));
    }

    // ---- the tenant's steps ---------------------------------------------------------------------------------------

    /**
     * A tenant step of the playbook, whichever it is: refused unless the playbook allows it now, then recorded by its
     * event ({@link TenantStepEvents}). A step that needs nothing, asked for again once done, changes nothing (a
     * retry); one that needs something (a window) is refused as already done.
     */
    @CommandHandler
    public void handle(TakeTenantStep command, DeadlineManager deadlines, RenewalTimings timings) {
        Milestone milestone = command.milestone();
        if (done.contains(milestone) && TenantStepEvents.needs(milestone).isEmpty()
                && playbook.step(milestone).filter(step -> step.actor() == Actor.TENANT).isPresent()) {
            return;
        }
        requireOpen();
        require(milestone, Actor.TENANT);
        Set<Step> awaited = awaitedPartnerSteps();
        apply(tenantStepEvent(milestone, command.parameters(), command.by(), command.requestedAt(), timings));
        advance(command.requestedAt(), timings);
        remindOfNewPartnerSteps(awaited, command.requestedAt(), deadlines, timings);
    }

    private RenewalEvent tenantStepEvent(Milestone milestone, Commands.StepParameters parameters, String by,
                                         Instant at, RenewalTimings timings) {
        return TenantStepEvents.event(milestone, new TenantStepEvents.Taken(renewalId, partnerId, parameters, by, at,
                respondBy(milestone, at, timings), windowStart));
    }

    /** Before the exchange: the renewal ends and the keystore discards the staged key pair. */
    @CommandHandler
    public void handle(AbortRenewal command, DeadlineManager deadlines) {
        if (status == Status.ABORTED) {
            return;
        }
        requireOpen();
        if (keystoreRetryPending) {
            throw new RenewalRefused.StepNotAllowed("a retry of the keystore's " + failedKeystoreOperation + " is on"
                    + " its way: wait for its outcome, then abort if it failed again");
        }
        if (!abortAllowed()) {
            throw new RenewalRefused.StepNotAllowed(abortRefusal());
        }
        apply(new RenewalAborted(renewalId, alias, partnerId, command.reason(), command.by(),
                newCertificate == null ? null : newCertificate.ref(), command.requestedAt()));
        cancelAllDeadlines(deadlines);
    }

    /** Why an abort is no longer possible, in the playbook's terms. */
    private String abortRefusal() {
        if (playbook.newKeyPair() == KeyPairActivation.NONE) {
            return "the partner's new certificate is imported and the partner may already use its new key: the"
                    + " certificate must stay";
        }
        return playbook.stagedKeyPair()
                ? "the exchange is decided: an abort is no longer possible" + (playbook.rollbackUntil() != null
                ? "; roll back instead while the partner still verifies both" : "")
                : "the partner has the new certificate and may already encrypt with it: the new key pair must"
                + " stay to decrypt";
    }

    /**
     * Before the exchange is decided; or after, while the keystore failed the exchange (the staged key pair is still
     * staged, the old one active) and no retry is on its way.
     */
    private boolean abortAllowed() {
        return !done.contains(playbook.abortUntil())
                || (EXCHANGE.equals(failedKeystoreOperation) && !done.contains(Milestone.KEY_PAIR_EXCHANGED));
    }

    /** Playbook 1 after the exchange, while the sender still verifies both: the old key pair signs again. */
    @CommandHandler
    public void handle(RollBack command, DeadlineManager deadlines) {
        if (rollbackDecided) {
            return;
        }
        requireOpen();
        if (playbook.rollbackUntil() == null) {
            throw new RenewalRefused.StepNotAllowed("playbook " + playbook.playbook() + " has no rollback: the"
                    + " partner verifies only one key at a time");
        }
        if (!done.contains(Milestone.KEY_PAIR_EXCHANGED)) {
            throw new RenewalRefused.StepNotAllowed("nothing to roll back before the exchange: abort instead"
                    + (EXCHANGE.equals(failedKeystoreOperation) ? " (the keystore failed the exchange; or retry it)"
                    : ""));
        }
        if (done.contains(playbook.rollbackUntil())) {
            throw new RenewalRefused.StepNotAllowed("the sender removed the old certificate: it can no longer verify"
                    + " the old key, so a rollback would break its verification");
        }
        if (oldCertificate == null) {
            throw new RenewalRefused.StepNotAllowed("the alias held no key pair before this renewal: nothing to"
                    + " re-activate");
        }
        apply(new RollbackDecided(renewalId, alias, oldCertificate, newCertificate.ref(), command.reason(),
                command.by(), command.requestedAt()));
        cancelAllDeadlines(deadlines);
    }

    /** Step 7 (playbook 3) and the removal of the old key pair in 1 and 2: never before the retention is over. */
    @CommandHandler
    public void handle(RemoveOldKeyPair command) {
        if (done.contains(Milestone.OLD_KEY_PAIR_REMOVAL_DECIDED)) {
            return;
        }
        requireOpen();
        if (retainOldKeyUntil == null) {
            throw new RenewalRefused.StepNotAllowed("the old key pair is still in use: its retention has not started");
        }
        if (command.requestedAt().isBefore(retainOldKeyUntil)) {
            throw new RenewalRefused.RetentionNotElapsed("the old key pair is retained until " + retainOldKeyUntil
                    + " (max of 90 days and the guaranteed delivery time " + guaranteedDeliveryTime
                    + "); its removal is refused before then");
        }
        decideRemoval(command.requestedAt());
    }

    /** The retention period is over; the keystore removes the old key pair. */
    @DeadlineHandler(deadlineName = RETENTION_ELAPSED)
    public void onRetentionElapsed(@Timestamp Instant firedAt) {
        if (status == Status.OPEN && !done.contains(Milestone.OLD_KEY_PAIR_REMOVAL_DECIDED)
                && retainOldKeyUntil != null && !firedAt.isBefore(retainOldKeyUntil)) {
            decideRemoval(firedAt);
        }
    }

    /** A partner step still awaited after the reminder period: the partner is reminded. */
    @DeadlineHandler(deadlineName = PARTNER_STEP_OVERDUE)
    public void onPartnerStepOverdue(PartnerStepDeadline deadline, @Timestamp Instant firedAt) {
        if (stillAwaited(deadline)) {
            apply(new PartnerStepOverdue(renewalId, partnerId, playbook.partnerRole(), deadline.expected(),
                    deadline.waitingSince(), firedAt));
        }
    }

    /** Still awaited after a second period: the tenant administrator is alerted. */
    @DeadlineHandler(deadlineName = PARTNER_STEP_ESCALATION)
    public void onPartnerStepEscalation(PartnerStepDeadline deadline, @Timestamp Instant firedAt) {
        if (stillAwaited(deadline)) {
            apply(new PartnerStepEscalated(renewalId, partnerId, deadline.expected(), deadline.waitingSince(),
                    firedAt));
        }
    }

    /**
     * The agreed window ended and the downtime is not over (the sender has not resumed sending, or the integration
     * flow is not redeployed): the tenant is alerted.
     */
    @DeadlineHandler(deadlineName = DOWNTIME_WINDOW_END)
    public void onDowntimeWindowEnd(@Timestamp Instant firedAt) {
        if (status == Status.OPEN && !done.contains(playbook.downtimeEnd())) {
            apply(new DowntimeOverrun(renewalId, partnerId, windowEnd, firedAt));
        }
    }

    private static void cancelAllDeadlines(DeadlineManager deadlines) {
        for (String deadline : new String[]{RETENTION_ELAPSED, PARTNER_STEP_OVERDUE, PARTNER_STEP_ESCALATION,
                DOWNTIME_WINDOW_END, KEYSTORE_RETRY}) {
            deadlines.cancelAllWithinScope(deadline);
        }
    }

    /** Still awaited, and not refused (a refused step is the tenant's to decide, not the partner's to be reminded). */
    private boolean stillAwaited(PartnerStepDeadline deadline) {
        return status == Status.OPEN && !rollbackDecided && deadline.expected() != refusedStep
                && awaitedPartnerSteps().stream()
                .anyMatch(step -> step.confirmation() == deadline.expected());
    }

    private Set<Step> awaitedPartnerSteps() {
        if (status != Status.OPEN) {
            return Set.of();
        }
        Set<Step> awaited = new HashSet<>();
        playbook.allowedNow(done).stream().filter(step -> step.actor() == Actor.PARTNER).forEach(awaited::add);
        return awaited;
    }

    /** Schedules a reminder and an escalation for each partner step that became awaited by this command. */
    private void remindOfNewPartnerSteps(Set<Step> awaitedBefore, Instant now, DeadlineManager deadlines,
                                         RenewalTimings timings) {
        for (Step step : awaitedPartnerSteps()) {
            if (!awaitedBefore.contains(step)) {
                PartnerStepDeadline deadline = new PartnerStepDeadline(step.confirmation(), now);
                deadlines.schedule(timings.respondBy(now), PARTNER_STEP_OVERDUE, deadline);
                deadlines.schedule(now.plus(timings.partnerStepReminderAfter().multipliedBy(2)),
                        PARTNER_STEP_ESCALATION, deadline);
            }
        }
    }

    /**
     * The respond-by date of the partner step that {@code milestone}, taken at {@code at}, asks for: the time its
     * reminder is scheduled for, when the step counts as overdue ({@link #remindOfNewPartnerSteps}); null if the
     * milestone asks the partner for no step.
     */
    private Instant respondBy(Milestone milestone, Instant at, RenewalTimings timings) {
        return asksOfThePartner(milestone).isPresent() ? timings.respondBy(at) : null;
    }

    /** The partner step that taking {@code milestone} newly asks for, if any: the message to the partner names it. */
    private Optional<Step> asksOfThePartner(Milestone milestone) {
        Set<Milestone> after = EnumSet.copyOf(done);
        after.add(milestone);
        Set<Step> awaitedBefore = awaitedPartnerSteps();
        return playbook.allowedNow(after).stream()
                .filter(step -> step.actor() == Actor.PARTNER && !awaitedBefore.contains(step)).findFirst();
    }

    private ConfirmationType awaitedConfirmation(Milestone milestone) {
        return asksOfThePartner(milestone).map(Step::confirmation).orElse(null);
    }

    /**
     * Where the playbook starts the retention of the old key pair or certificate at {@code milestone}: until when it
     * is kept (max of 90 days and the guaranteed delivery time from {@code at}), its removal scheduled then; null
     * where the retention starts at another milestone.
     */
    private Instant retentionFrom(Milestone milestone, Instant at, DeadlineManager deadlines) {
        if (playbook.retentionStartsAt() != milestone) {
            return null;
        }
        Instant retainUntil = RetentionPolicy.retainUntil(at, guaranteedDeliveryTime);
        deadlines.schedule(retainUntil, RETENTION_ELAPSED);
        return retainUntil;
    }

    private void decideRemoval(Instant at) {
        apply(new OldKeyPairRemovalDecided(renewalId, alias, oldCertificate, at));
    }

    // ---- what the system does by itself --------------------------------------------------------------------------

    /** Takes every system step (and, when the renewal is automatic, every tenant step) the playbook allows now. */
    private void advance(Instant at, RenewalTimings timings) {
        boolean progressed = true;
        while (progressed && status == Status.OPEN) {
            progressed = false;
            for (Step step : playbook.allowedNow(done)) {
                if (takeByItself(step, at, timings)) {
                    progressed = true;
                    break;
                }
            }
        }
    }

    private boolean takeByItself(Step step, Instant at, RenewalTimings timings) {
        boolean automatic = exchangeApproval == ExchangeApproval.AUTOMATIC;
        switch (step.milestone()) {
            case PARTNER_CERTIFICATE_REQUESTED -> apply(new PartnerCertificateRequested(renewalId, alias, partnerId,
                    playbook.partnerRole(), playbook.playbook(), at,
                    respondBy(Milestone.PARTNER_CERTIFICATE_REQUESTED, at, timings),
                    awaitedConfirmation(Milestone.PARTNER_CERTIFICATE_REQUESTED), playbook.partnerCertificateUse()));
            case CERTIFICATE_PROVIDED -> apply(new CertificateProvided(renewalId, alias, partnerId,
                    playbook.partnerRole(), playbook.playbook(), newCertificate, at,
                    respondBy(Milestone.CERTIFICATE_PROVIDED, at, timings),
                    awaitedConfirmation(Milestone.CERTIFICATE_PROVIDED), playbook.certificateUse()));
            case EXCHANGE_DECIDED -> apply(new KeyPairExchangeDecided(renewalId, alias, newCertificate.ref(),
                    oldCertificate, RetentionPolicy.retention(guaranteedDeliveryTime), at));
            case PARTNER_INFORMED_OF_EXCHANGE -> apply(new PartnerInformedOfExchange(renewalId, partnerId,
                    playbook.partnerRole(), playbook.playbook(), newCertificate.ref(), at,
                    respondBy(Milestone.PARTNER_INFORMED_OF_EXCHANGE, at, timings),
                    awaitedConfirmation(Milestone.PARTNER_INFORMED_OF_EXCHANGE)));
            case COMPLETED -> apply(new RenewalCompleted(renewalId, alias, partnerId, at));
            default -> {
                // an automatic renewal takes the tenant's steps that need nothing as the tenant would
                if (!automatic || step.actor() != Actor.TENANT || !TenantStepEvents.automatic(step.milestone())) {
                    return false;
                }
                apply(tenantStepEvent(step.milestone(), Commands.StepParameters.NONE, SYSTEM, at, timings));
            }
        }
        return true;
    }

    // ---- guards ---------------------------------------------------------------------------------------------------

    private void require(Milestone milestone, Actor actor) {
        requireOpen();
        playbook.refusal(milestone, actor, done).ifPresent(reason -> {
            throw new RenewalRefused.StepNotAllowed(reason + " (renewal " + renewalId + ")");
        });
    }

    private void requireOpen() {
        if (status != Status.OPEN) {
            throw new RenewalRefused.RenewalClosed("renewal " + renewalId + " is " + status + ": it takes no more"
                    + " steps");
        }
    }

    // ---- state --------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(RenewalStarted event) {
        renewalId = event.renewalId();
        alias = event.alias();
        partnerId = event.partnerId();
        playbook = Playbooks.of(event.playbook(), event.catalogueVersion());
        guaranteedDeliveryTime = event.guaranteedDeliveryTime();
        exchangeApproval = event.exchangeApproval();
        certificateSource = event.certificateSource();
        status = Status.OPEN;
    }

    /** The one place state changes: every event records its milestone, some carry more. */
    @EventSourcingHandler
    void on(RenewalEvent event) {
        Milestones.recordedBy(event).ifPresent(milestone -> {
            done.add(milestone);
            if (refusedStep != null && playbook.partnerStep(refusedStep).orElseThrow().milestone() == milestone) {
                refusedStep = null; // the partner confirmed the step it had refused
            }
        });
        if (KeystoreSteps.succeeded(event)) {
            failedKeystoreOperation = null;
            keystoreRetryPending = false;
            automaticKeystoreRetries = 0;
        }
        confirmationOf(event).ifPresent(acceptedConfirmations::add);
        if (event instanceof NewKeyPairCreated created) {
            newCertificate = created.certificate();
            oldCertificate = created.previous();
        } else if (event instanceof DowntimeProposed proposed) {
            windowStart = proposed.windowStart();
            windowEnd = proposed.windowEnd();
        } else if (event instanceof SenderStoppedSending stopped) {
            stoppedSendingAt = stopped.at();
        } else if (event instanceof KeyPairExchanged exchanged) {
            retainOldKeyUntil = exchanged.retainOldKeyUntil();
        } else if (event instanceof PartnerSwitchedToNewKey switched) {
            retainOldKeyUntil = switched.retainOldKeyUntil();
        } else if (event instanceof PartnerCertificateImported imported) {
            oldCertificate = imported.previous();
            if (imported.retainPreviousUntil() != null) {
                retainOldKeyUntil = imported.retainPreviousUntil();
            }
        } else if (event instanceof CertificateRequestedFromCa requested) {
            publicKeyAwaitingCa = requested.publicKeySha256();
        } else if (event instanceof KeystoreFailureRecorded failure) {
            recordedFailureReports.add(failure.reportId());
            failedKeystoreOperation = failure.operation();
            keystoreRetryPending = false;
        } else if (event instanceof KeystoreStepRetried retried) {
            keystoreRetryPending = true;
            if (SYSTEM.equals(retried.by())) {
                automaticKeystoreRetries++;
            }
        } else if (event instanceof PartnerRefusedStep refused) {
            refusedStep = refused.step();
        } else if (event instanceof PartnerConfirmationRejected rejected) {
            recordedRejections.add(rejected.rejectionId());
        } else if (event instanceof RenewalAborted) {
            status = Status.ABORTED;
        } else if (event instanceof StagedKeyPairDiscarded) {
            stagedKeyPairDiscarded = true;
        } else if (event instanceof RollbackDecided) {
            rollbackDecided = true;
        } else if (event instanceof KeyPairRolledBack) {
            status = Status.ROLLED_BACK;
        } else if (event instanceof RenewalCompleted) {
            status = Status.COMPLETED;
        }
    }

    private static java.util.Optional<String> confirmationOf(RenewalEvent event) {
        String id = null;
        if (event instanceof PartnerVerifiesBoth e) {
            id = e.confirmationId();
        } else if (event instanceof DowntimeAgreed e) {
            id = e.confirmationId();
        } else if (event instanceof SenderStoppedSending e) {
            id = e.confirmationId();
        } else if (event instanceof SenderExchangedCertificate e) {
            id = e.confirmationId();
        } else if (event instanceof PartnerRemovedOldCertificate e) {
            id = e.confirmationId();
        } else if (event instanceof SenderResumedSending e) {
            id = e.confirmationId();
        } else if (event instanceof PartnerSwitchedToNewKey e) {
            id = e.confirmationId();
        } else if (event instanceof PartnerRefusedStep e) {
            id = e.confirmationId();
        } else if (event instanceof PartnerCertificateReceived e) {
            id = e.confirmationId();
        }
        return java.util.Optional.ofNullable(id);
    }
}
