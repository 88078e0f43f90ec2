package io.keyrenewal.renewal.query;

import io.keyrenewal.contracts.policy.PolicyEvent;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.partner.PartnerDirectory;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerChanged;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerRegistered;
import io.keyrenewal.renewal.policy.RenewalPolicyProjection;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rebuilds the read models (renewal views, partner directory, renewal policies) from the event store on an operator's
 * request, in the background, with progress, while the write side runs on. The store is replayed through Axon, as
 * every event processor reads it (Axon's serializer and upcasters), by a tracking processor of its own,
 * {@value PROCESSOR}, which holds only the projections' folds: no relay, keystore or notification handler sees
 * anything, and the live projections' effects (metrics, an alias's release) are not repeated. Tracking, not pooled: a
 * tracking processor's batch is as large as asked, so that a renewal's events fold in memory and its view is written
 * once a batch, where a pooled one's work package buffers at most 1,024 events (Axon 4's
 * {@code WorkPackage.BUFFER_SIZE}), about one event of each renewal in flight.
 * <p>
 * A rebuild sets the processor's tokens to the head of the store and resets them: a {@link
 * org.axonframework.eventhandling.ReplayToken} from the tail up to that head. The reset marks every renewal view for
 * refolding ({@link Replay#markRenewalViewsForRefolding}); the views stay readable meanwhile, and each is folded afresh
 * from its renewal's first event, by the replay or, if a command reaches it first, by the live projection
 * ({@link RenewalViewProjection}). The partner directory and the renewal policies are written over, entry by entry,
 * each unless it was written from a later event. The processor runs only during a rebuild: it stops once every segment
 * has reached the head it was reset to (its replay flag would stay up until an event after that head arrived).
 * <p>
 * The tokens are claimed in the shared token store, so one rebuild runs at a time across instances: an instance asked
 * for a rebuild while another one holds the tokens reports it as failed.
 */
@Component
public class ReadModelRebuild {

    static final String PROCESSOR = "read-model-rebuild";
    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final long CHECK_EVERY_MS = 100;

    /** Where a rebuild stands: events replayed of those stored when it was asked for. */
    @Schema(name = "RebuildProgress")
    public record Progress(String state, long eventsDone, long eventsTotal, Instant startedAt, Instant finishedAt,
                           String failure) {

        static final Progress NEVER_RAN = new Progress("NEVER_RAN", 0, 0, null, null, null);
    }

    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int segments;
    private final Replay replay;
    private final TrackingEventProcessor processor;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            daemon("read-model-rebuild"));
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.NEVER_RAN);

    public ReadModelRebuild(EventStore eventStore, TokenStore tokenStore, TransactionManager transactionManager,
                            JdbcTemplate jdbc, RenewalViewProjection views, PartnerDirectory partners,
                            RenewalPolicyProjection policies, Clock clock,
                            @Value("${keyrenewal.rebuild.segments:2}") int segments,
                            @Value("${keyrenewal.rebuild.batch-size:10000}") int batchSize) {
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.clock = clock;
        this.segments = segments;
        this.replay = new Replay(jdbc, views, partners, policies);
        this.processor = TrackingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(replay).build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(transactionManager)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken)
                        .andBatchSize(batchSize)
                        .andThreadFactory(name -> daemon(PROCESSOR + "-worker")))
                .build();
    }

    public Progress progress() {
        return progress.get();
    }

    /** Starts a rebuild unless one runs here; answers its progress. */
    public synchronized Progress start() {
        if ("RUNNING".equals(progress.get().state())) {
            return progress.get();
        }
        Instant startedAt = clock.instant();
        TrackingToken head = eventStore.createHeadToken();
        progress.set(new Progress("RUNNING", 0, replayedUpTo(head), startedAt, null, null));
        replay.replayed.reset();
        worker.execute(() -> {
            try {
                resetAt(head);
                processor.start();
                worker.schedule(() -> check(head, startedAt), CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                failed(head, startedAt, e);
            }
        });
        return progress.get();
    }

    /** The tokens at the head, then reset: replayed from the tail up to that head, then the live events. */
    private void resetAt(TrackingToken head) {
        try {
            transactionManager.executeInTransaction(() -> {
                int[] existing = tokenStore.fetchSegments(PROCESSOR);
                if (existing.length == 0) {
                    tokenStore.initializeTokenSegments(PROCESSOR, segments, head);
                }
                for (int segment : existing) {
                    tokenStore.storeToken(head, PROCESSOR, segment); // claims it, unless another instance holds it
                }
                processor.resetTokens(StreamableMessageSource::createTailToken);
            });
        } catch (UnableToClaimTokenException claimed) {
            throw new IllegalStateException("another rebuild of the read model is running (on this or another"
                    + " instance of renewal-service); try again when it is done", claimed);
        }
    }

    private void check(TrackingToken head, Instant startedAt) {
        try {
            Collection<EventTrackerStatus> segmentsNow = processor.processingStatus().values();
            for (EventTrackerStatus segment : segmentsNow) {
                if (segment.isErrorState()) {
                    throw new IllegalStateException(segment.getError().getMessage(), segment.getError());
                }
            }
            long headPosition = head == null ? -1 : head.position().orElse(-1);
            if (segmentsNow.size() < segments || segmentsNow.stream().anyMatch(segment -> segment.getCurrentPosition()
                    .orElse(-1) < headPosition)) {
                Progress running = progress.get();
                progress.set(new Progress("RUNNING", replay.replayed.sum(), running.eventsTotal(), startedAt, null,
                        null));
                worker.schedule(() -> check(head, startedAt), CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            processor.shutDown();
            long done = replay.replayed.sum();
            progress.set(new Progress("DONE", done, replayedUpTo(head), startedAt, clock.instant(), null));
            log.info("Read model rebuilt from {} events in {} ms", done,
                    clock.instant().toEpochMilli() - startedAt.toEpochMilli());
        } catch (RuntimeException e) {
            failed(head, startedAt, e);
        }
    }

    /**
     * The events a rebuild up to {@code head} replays: those of renewals, partners and policies stored up to there,
     * counted again at the end, as an event committed late may take a place before the head.
     */
    private long replayedUpTo(TrackingToken head) {
        return head == null ? 0 : jdbc.queryForObject("select count(*) from domain_event_entry"
                + " where type in ('Renewal', 'Partner', 'RenewalPolicy') and global_index <= ?", Long.class,
                head.position().orElse(Long.MAX_VALUE));
    }

    private void failed(TrackingToken head, Instant startedAt, Throwable cause) {
        if (processor.isRunning()) {
            processor.shutDown();
        }
        long total = progress.get().eventsTotal();
        progress.set(new Progress("FAILED", replay.replayed.sum(), total, startedAt, clock.instant(),
                cause.getMessage()));
        log.error("Read model rebuild failed after {} events (replayed up to {})", replay.replayed.sum(), head, cause);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        processor.shutDown();
    }

    /** The handlers of the rebuild's processor: the projections' folds, none of their effects. */
    static final class Replay {

        private final JdbcTemplate jdbc;
        private final RenewalViewProjection views;
        private final PartnerDirectory partners;
        private final RenewalPolicyProjection policies;
        private final LongAdder replayed = new LongAdder();

        Replay(JdbcTemplate jdbc, RenewalViewProjection views, PartnerDirectory partners,
               RenewalPolicyProjection policies) {
            this.jdbc = jdbc;
            this.views = views;
            this.partners = partners;
            this.policies = policies;
        }

        /**
         * Every renewal view is to be folded afresh from its first event: marked so (no event folded by the current
         * fold), not deleted, so that the views stay readable and a partner can still reach its renewals while the
         * rebuild runs.
         */
        @ResetHandler
        void markRenewalViewsForRefolding() {
            jdbc.update("update renewal_view set last_sequence = null");
        }

        @EventHandler
        void on(RenewalEvent event, @SequenceNumber long sequence, ReplayStatus status) {
            views.replayed(event, sequence);
            counted(status);
        }

        @EventHandler
        void on(PartnerRegistered event, @SequenceNumber long sequence, ReplayStatus status) {
            partners.replayed(event.entry(), sequence);
            counted(status);
        }

        @EventHandler
        void on(PartnerChanged event, @SequenceNumber long sequence, ReplayStatus status) {
            partners.replayed(event.entry(), sequence);
            counted(status);
        }

        @EventHandler
        void on(PolicyEvent event, @SequenceNumber long sequence, ReplayStatus status) {
            policies.replayed(event, sequence);
            counted(status);
        }

        private void counted(ReplayStatus status) {
            if (status.isReplay()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> replayed.increment());
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
