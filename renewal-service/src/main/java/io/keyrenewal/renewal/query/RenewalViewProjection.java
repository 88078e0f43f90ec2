package io.keyrenewal.renewal.query;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Actor;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.Milestones;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.playbook.Step;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.KeystoreStepRetried;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.renewal.inventory.AliasInventory;
import io.keyrenewal.renewal.metrics.RenewalMetrics;
import io.keyrenewal.renewal.playbook.KeystoreSteps;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps {@link RenewalView} up to date from the same playbook definitions the aggregate decides with. It runs in the
 * command's transaction (subscribing processor), so a renewal is readable as soon as a command answers. A rebuild
 * ({@link ReadModelRebuild}) replays the stored events through the same fold, without the effects (metrics, the
 * alias's release) that belong to the live event alone.
 * <p>
 * Each view knows the last event folded into it ({@code lastSequence}) and is locked while an event is folded into it,
 * so the live side and a running rebuild can fold into the same views: an event already folded is left alone, and a
 * view that is behind its renewal (marked for refolding by a rebuild's reset and not replayed yet, or deleted) is
 * folded afresh from the renewal's stored events.
 */
@Component
@ProcessingGroup(RenewalViewProjection.PROCESSING_GROUP)
public class RenewalViewProjection {

    public static final String PROCESSING_GROUP = "renewal-views";
    private static final String VIEWS_OF_THE_BATCH = RenewalViewProjection.class.getName() + ".viewsOfTheBatch";
    private static final int VIEWS_PER_READ = 1_000;

    private final EntityManager entityManager;
    private final EventStore eventStore;
    private final OpenRenewalAliases openAliases;
    private final RenewalMetrics metrics;
    private final AliasInventory inventory;

    public RenewalViewProjection(EntityManager entityManager, EventStore eventStore, OpenRenewalAliases openAliases,
                                 RenewalMetrics metrics, AliasInventory inventory) {
        this.entityManager = entityManager;
        this.eventStore = eventStore;
        this.openAliases = openAliases;
        this.metrics = metrics;
        this.inventory = inventory;
    }

    @EventHandler
    void on(RenewalEvent event, @SequenceNumber long sequence) {
        String renewalId = event.renewalId().value();
        RenewalView view = readyFor(event, sequence,
                entityManager.find(RenewalView.class, renewalId, LockModeType.PESSIMISTIC_WRITE));
        if (view == null) {
            return;
        }
        Instant waitingSince = view.getUpdatedAt();
        String doneBefore = view.getDoneSteps();
        fold(view, event, sequence);
        measure(view, event, waitingSince, doneBefore);
        if (event instanceof RenewalStarted) {
            inventory.renewalStarted(view);
        }
        if (!"OPEN".equals(view.getState())) {
            openAliases.release(view.getAlias(), view.getRenewalId());
            inventory.renewalEnded(view);
        }
    }

    /**
     * A stored event a rebuild replays: folded as {@link #on} folds it, with none of its effects. The views of a
     * batch's renewals are read and locked at once, with its first event, and written together when it commits.
     */
    void replayed(RenewalEvent event, long sequence) {
        Map<String, RenewalView> batch = CurrentUnitOfWork.get().root().getOrComputeResource(VIEWS_OF_THE_BATCH,
                key -> viewsOf(CurrentUnitOfWork.get().root()));
        String renewalId = event.renewalId().value();
        RenewalView view = readyFor(event, sequence, batch.get(renewalId));
        if (view != null) {
            fold(view, event, sequence);
            batch.put(renewalId, view);
        }
    }

    private Map<String, RenewalView> viewsOf(UnitOfWork<?> batch) {
        List<String> renewalIds = (batch instanceof BatchingUnitOfWork<?> events ? events.getMessages()
                : List.of(batch.getMessage())).stream().map(Message::getPayload)
                .filter(RenewalEvent.class::isInstance).map(event -> ((RenewalEvent) event).renewalId().value())
                .distinct().toList();
        entityManager.unwrap(Session.class).setJdbcBatchSize(Math.max(1, renewalIds.size()));
        Map<String, RenewalView> views = new HashMap<>();
        for (int from = 0; from < renewalIds.size(); from += VIEWS_PER_READ) {
            entityManager.createQuery("select v from RenewalView v where v.renewalId in :ids", RenewalView.class)
                    .setParameter("ids", renewalIds.subList(from, Math.min(renewalIds.size(), from + VIEWS_PER_READ)))
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultStream().forEach(view -> views.put(view.getRenewalId(), view));
        }
        return views;
    }

    /**
     * The view of the event's renewal folded up to the event before, locked until the transaction ends; null if it
     * has folded this event already.
     */
    private RenewalView readyFor(RenewalEvent event, long sequence, RenewalView stored) {
        String renewalId = event.renewalId().value();
        Long folded = stored == null ? null : stored.getLastSequence();
        if (folded != null && folded >= sequence) {
            return null;
        }
        if (folded != null && folded == sequence - 1) {
            return stored;
        }
        RenewalView afresh = foldedFromTheStore(renewalId, sequence);
        if (stored == null) {
            entityManager.persist(afresh);
            return afresh;
        }
        return entityManager.merge(afresh);
    }

    /** The renewal's view after its stored events before {@code sequence}, read as every stored event is read. */
    private RenewalView foldedFromTheStore(String renewalId, long sequence) {
        RenewalView view = new RenewalView(renewalId);
        if (sequence > 0) {
            eventStore.readEvents(renewalId).asStream()
                    .filter(stored -> stored.getSequenceNumber() < sequence)
                    .forEach(stored -> fold(view, (RenewalEvent) stored.getPayload(), stored.getSequenceNumber()));
        }
        return view;
    }

    private static void fold(RenewalView view, RenewalEvent event, long sequence) {
        apply(view, event);
        view.folded(sequence);
    }

    /** Counts the event and, where it took a step, how long the renewal waited for it. */
    private void measure(RenewalView view, RenewalEvent event, Instant waitingSince, String doneBefore) {
        metrics.event(event.getClass().getSimpleName());
        Optional<Milestone> step = Milestones.recordedBy(event);
        if (step.isPresent() && waitingSince != null && !view.getDoneSteps().equals(doneBefore)) {
            String actor = Playbooks.of(Playbook.valueOf(view.getPlaybook())).step(step.get())
                    .map(taken -> taken.actor().name().toLowerCase(Locale.ROOT)).orElse("system");
            metrics.stepTaken(view.getPlaybook(), step.get().name(), actor,
                    Duration.between(waitingSince, view.getUpdatedAt()));
        }
    }

    /** The view after {@code event}: the one fold the live read model and the as-of queries share. */
    static RenewalView apply(RenewalView view, RenewalEvent event) {
        record(view, event);
        progress(view, event);
        return view;
    }

    private static void record(RenewalView view, RenewalEvent event) {
        if (KeystoreSteps.succeeded(event)) {
            view.keystoreFailure(null); // the step the keystore failed is done now (or settled by the tenant)
        }
        if (view.getRefusedStep() != null && Milestones.recordedBy(event).equals(Playbooks.of(Playbook.valueOf(
                view.getPlaybook())).partnerStep(ConfirmationType.valueOf(view.getRefusedStep())).map(Step::milestone))) {
            view.refused(null, null, null, null, null); // the partner confirmed the step it had refused
        }
        if (event instanceof RenewalStarted started) {
            view.started(started.alias(), started.partnerId().value(), started.playbook().name(),
                    started.exchangeApproval().name(), started.guaranteedDeliveryTime().toString(),
                    started.keyAlgorithm().name(), started.at());
        } else if (event instanceof NewKeyPairCreated created) {
            view.newCertificate(created.certificate().sha256().value(), created.certificate().serialNumber(),
                    created.certificate().notAfter());
            if (created.previous() != null) {
                view.oldCertificate(created.previous().sha256().value(), created.previous().serialNumber());
            }
        } else if (event instanceof PartnerCertificateReceived received) {
            view.newCertificate(received.certificate().sha256().value(), received.certificate().serialNumber(),
                    received.certificate().notAfter());
        } else if (event instanceof PartnerCertificateImported imported) {
            if (imported.previous() != null) {
                view.oldCertificate(imported.previous().sha256().value(), imported.previous().serialNumber());
            }
            if (imported.retainPreviousUntil() != null) {
                view.retainOldKeyUntil(imported.retainPreviousUntil());
            }
        } else if (event instanceof DowntimeProposed proposed) {
            view.downtimeWindow(proposed.windowStart(), proposed.windowEnd());
        } else if (event instanceof SenderResumedSending resumed) {
            view.actualDowntime(resumed.actualDowntime().toString());
        } else if (event instanceof KeyPairExchanged exchanged) {
            view.retainOldKeyUntil(exchanged.retainOldKeyUntil());
        } else if (event instanceof PartnerSwitchedToNewKey switched) {
            view.retainOldKeyUntil(switched.retainOldKeyUntil());
        } else if (event instanceof KeystoreFailureRecorded failure) {
            view.keystoreFailure(failure.operation() + ": " + failure.reason() + (failure.nextRetryAt() == null
                    ? "" : " (retried by the renewal itself at " + failure.nextRetryAt() + ")"));
        } else if (event instanceof KeystoreStepRetried retried) {
            view.keystoreFailure(view.getLastKeystoreFailure() + " (retry asked by " + retried.by() + " at "
                    + retried.at() + ")");
        } else if (event instanceof PartnerRefusedStep refused) {
            view.refused(refused.step().name(), "partner:" + refused.partnerId().value(), refused.reason(),
                    refused.code(), refused.at());
        } else if (event instanceof PartnerStepOverdue) {
            view.overdue();
        } else if (event instanceof PartnerStepEscalated) {
            view.escalated();
        } else if (event instanceof DowntimeOverrun) {
            view.downtimeOverrun();
        } else if (event instanceof RenewalCompleted) {
            view.ended("COMPLETED", event.at());
        } else if (event instanceof RenewalAborted) {
            view.ended("ABORTED", event.at());
        } else if (event instanceof KeyPairRolledBack) {
            view.ended("ROLLED_BACK", event.at());
        }
    }

    private static void progress(RenewalView view, RenewalEvent event) {
        Optional<Milestone> recorded = Milestones.recordedBy(event);
        Standing standing = STANDINGS.computeIfAbsent(new StandingKey(view.getPlaybook(), view.getDoneSteps(),
                recorded.orElse(null)), RenewalViewProjection::standing);
        view.progressed(standing.doneSteps(), recorded.map(Milestone::name).orElse(view.getLastStep()),
                standing.awaiting(), standing.nextActor(), event.at());
    }

    /** Where a playbook stands once a milestone is recorded after those done: the same every time, so kept. */
    private record StandingKey(String playbook, String doneSteps, Milestone recorded) {
    }

    private record Standing(String doneSteps, String awaiting, String nextActor) {
    }

    private static final Map<StandingKey, Standing> STANDINGS = new ConcurrentHashMap<>();

    private static Standing standing(StandingKey key) {
        Set<Milestone> done = EnumSet.noneOf(Milestone.class);
        Arrays.stream(key.doneSteps().split(",")).filter(name -> !name.isEmpty()).map(Milestone::valueOf)
                .forEach(done::add);
        if (key.recorded() != null) {
            done.add(key.recorded());
        }
        PlaybookDefinition playbook = Playbooks.of(Playbook.valueOf(key.playbook()));
        List<Step> awaited = playbook.allowedNow(done);
        return new Standing(done.stream().map(Milestone::name).collect(Collectors.joining(",")),
                awaited.stream().map(step -> step.milestone().name()).collect(Collectors.joining(",")),
                awaited.stream().map(Step::actor).distinct().map(Actor::name).map(String::toLowerCase)
                        .collect(Collectors.joining(",")));
    }
}
