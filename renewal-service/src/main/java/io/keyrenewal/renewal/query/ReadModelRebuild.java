package io.keyrenewal.renewal.query;

import com.fasterxml.jackson.databind.ObjectReader;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.partner.PartnerDirectory;
import io.keyrenewal.renewal.persistence.BinaryResults;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Rebuilds the read models from the event store on an operator's request, in the background, with progress, while
 * the write side runs on: the partner directory first (each partner's last event carries its whole entry), then the
 * renewal views, each folded afresh and kept only where no newer live event reached it meanwhile. Only the read models
 * are touched: no relay, keystore or notification handler runs again.
 * <p>
 * The store is read once, in the order it was written, in one snapshot, on a connection of its own (binary results
 * on PostgreSQL); the events are parsed on every core and folded, in that order, into the views of the renewals seen
 * last, kept in memory ({@code keyrenewal.rebuild.views-in-memory}); the others are written in batches by writer
 * threads meanwhile, to the {@link RebuildTarget} of the database: on PostgreSQL a new table swapped in at the end
 * ({@link SwappedTableTarget}), elsewhere the live table ({@link LiveTableTarget}).
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final String RENEWAL_AGGREGATE = "Renewal";
    private static final int FETCH_SIZE = 1_000;
    private static final int EVENTS_PER_CHUNK = 500;
    private static final int CHUNKS_AHEAD = 16;
    private static final int VIEWS_PER_WRITE = 1_000;
    private static final int WRITERS = 2;
    private static final int WRITES_AHEAD = 2 * WRITERS;
    private static final ObjectReader EVENTS = ContractJson.mapper().readerFor(RenewalEvent.class);

    /** Where a rebuild stands: events folded of the total in the store as the rebuild reads it. */
    @Schema(name = "RebuildProgress")
    public record Progress(String state, long eventsDone, long eventsTotal, Instant startedAt, Instant finishedAt,
                           String failure) {

        static final Progress NEVER_RAN = new Progress("NEVER_RAN", 0, 0, null, null, null);
    }

    /** Events in store order, parsed; the empty chunk ends the stream. */
    private record Chunk(String[] renewalIds, long[] sequences, RenewalEvent[] events, int size) {

        static final Chunk END = new Chunk(new String[0], new long[0], new RenewalEvent[0], 0);
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EntityManager entityManager;
    private final EntityManagerFactory entityManagerFactory;
    private final TransactionTemplate transaction;
    private final PartnerDirectory partners;
    private final Clock clock;
    private final int viewsInMemory;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("read-model-rebuild"));
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.NEVER_RAN);

    public ReadModelRebuild(DataSource dataSource, JdbcTemplate jdbc, EntityManager entityManager,
                            EntityManagerFactory entityManagerFactory, TransactionTemplate transaction,
                            PartnerDirectory partners, Clock clock,
                            @Value("${keyrenewal.rebuild.views-in-memory:20000}") int viewsInMemory) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
        this.entityManagerFactory = entityManagerFactory;
        this.transaction = transaction;
        this.partners = partners;
        this.clock = clock;
        this.viewsInMemory = viewsInMemory;
    }

    public Progress progress() {
        return progress.get();
    }

    /** Starts a rebuild unless one runs; answers its progress. */
    public synchronized Progress start() {
        if ("RUNNING".equals(progress.get().state())) {
            return progress.get();
        }
        long estimate = jdbc.queryForObject("select count(*) from domain_event_entry where type = ?", Long.class,
                RENEWAL_AGGREGATE) + partners.storedEvents();
        Instant startedAt = clock.instant();
        progress.set(new Progress("RUNNING", 0, estimate, startedAt, null, null));
        worker.submit(() -> run(new AtomicLong(estimate), startedAt));
        return progress.get();
    }

    /** {@code total} is counted again in the reader's snapshot: events stored since the estimate count too. */
    private void run(AtomicLong total, Instant startedAt) {
        BlockingQueue<Future<Chunk>> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        AtomicBoolean stopped = new AtomicBoolean();
        ExecutorService parsers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                daemon("read-model-rebuild-parse"));
        long done = 0;
        long start = System.nanoTime();
        try (Fold fold = new Fold(target())) {
            long partnerEvents = partners.rebuild();
            done = partnerEvents;
            Thread reader = daemon("read-model-rebuild-read").newThread(() -> read(chunks, parsers, stopped,
                    renewalEvents -> total.set(partnerEvents + renewalEvents)));
            reader.start();
            for (Chunk chunk = chunks.take().get(); chunk != Chunk.END; chunk = chunks.take().get()) {
                for (int i = 0; i < chunk.size(); i++) {
                    fold.apply(chunk.renewalIds()[i], chunk.sequences()[i], chunk.events()[i]);
                }
                done += chunk.size();
                progress.set(new Progress("RUNNING", done, total.get(), startedAt, null, null));
            }
            long folded = System.nanoTime();
            fold.finish();
            progress.set(new Progress("DONE", done, total.get(), startedAt, clock.instant(), null));
            log.info("Read model rebuilt from {} events in {} ms (folded after {} ms)", done,
                    (System.nanoTime() - start) / 1_000_000, (folded - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(done, total.get(), startedAt, e);
        } catch (ExecutionException | CompletionException e) {
            failed(done, total.get(), startedAt, e.getCause());
        } catch (RuntimeException e) {
            failed(done, total.get(), startedAt, e);
        } finally {
            stopped.set(true);
            parsers.shutdownNow();
        }
    }

    /** On PostgreSQL a new table swapped in at the end; elsewhere the live table, view by view. */
    private RebuildTarget target() {
        try (Connection connection = dataSource.getConnection()) {
            if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return new SwappedTableTarget(dataSource, entityManagerFactory);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the rebuild: " + e.getMessage(), e);
        }
        return new LiveTableTarget(jdbc, entityManager, transaction);
    }

    private void failed(long done, long total, Instant startedAt, Throwable cause) {
        progress.set(new Progress("FAILED", done, total, startedAt, clock.instant(), cause.getMessage()));
        log.error("Read model rebuild failed after {} events", done, cause);
    }

    /** Reads the renewal events in store order, in chunks handed to the parsers, and ends with {@link Chunk#END}. */
    private void read(BlockingQueue<Future<Chunk>> chunks, ExecutorService parsers, AtomicBoolean stopped,
                      LongConsumer counted) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement count = connection.prepareStatement("select count(*) from domain_event_entry"
                    + " where type = ?")) {
                count.setString(1, RENEWAL_AGGREGATE);
                try (ResultSet events = count.executeQuery()) {
                    events.next();
                    counted.accept(events.getLong(1));
                }
            }
            try (PreparedStatement select = BinaryResults.prepare(connection, "select"
                    + " aggregate_identifier, sequence_number, payload from domain_event_entry where type = ?"
                    + " order by global_index")) {
                select.setString(1, RENEWAL_AGGREGATE);
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    boolean more = rows.next();
                    while (more && !stopped.get()) {
                        String[] renewalIds = new String[EVENTS_PER_CHUNK];
                        long[] sequences = new long[EVENTS_PER_CHUNK];
                        byte[][] payloads = new byte[EVENTS_PER_CHUNK][];
                        int size = 0;
                        for (; more && size < EVENTS_PER_CHUNK; more = rows.next(), size++) {
                            renewalIds[size] = rows.getString(1);
                            sequences[size] = rows.getLong(2);
                            payloads[size] = rows.getBytes(3);
                        }
                        int rowsRead = size;
                        hand(chunks, parsers.submit(() -> parse(renewalIds, sequences, payloads, rowsRead)), stopped);
                    }
                }
            } finally {
                connection.rollback();
            }
            hand(chunks, CompletableFuture.completedFuture(Chunk.END), stopped);
        } catch (SQLException | RuntimeException e) {
            hand(chunks, CompletableFuture.failedFuture(e), stopped);
        }
    }

    private static Chunk parse(String[] renewalIds, long[] sequences, byte[][] payloads, int size) {
        RenewalEvent[] events = new RenewalEvent[size];
        for (int i = 0; i < size; i++) {
            try {
                events[i] = EVENTS.readValue(payloads[i]);
            } catch (IOException e) {
                throw new IllegalStateException("event " + sequences[i] + " of renewal " + renewalIds[i]
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        return new Chunk(renewalIds, sequences, events, size);
    }

    private static void hand(BlockingQueue<Future<Chunk>> chunks, Future<Chunk> chunk, AtomicBoolean stopped) {
        try {
            while (!stopped.get() && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the fold is behind: wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The views being rebuilt, folded in store order on this thread. The most recently folded ones stay in memory;
     * the others are pushed out in batches to the writers, which write them to the target while the fold goes on.
     * A view pushed out is taken back, once written, should more of its events follow.
     */
    private final class Fold implements AutoCloseable {

        /** Views handed to a writer, until it wrote them. */
        private record Batch(Map<String, RenewalView> views, CompletableFuture<Void> written) {
        }

        private final RebuildTarget target;
        private final Map<String, RenewalView> inMemory = new LinkedHashMap<>(1024, 0.75f, true);
        private Map<String, RenewalView> pushedOut = new LinkedHashMap<>();
        private final Deque<Batch> beingWritten = new ArrayDeque<>();
        private final ExecutorService writer = Executors.newFixedThreadPool(WRITERS,
                daemon("read-model-rebuild-write"));

        Fold(RebuildTarget target) {
            this.target = target;
        }

        void apply(String renewalId, long sequence, RenewalEvent event) {
            RenewalView view = inMemory.get(renewalId);
            if (view == null) {
                view = sequence == 0 ? new RenewalView(renewalId) : recall(renewalId);
                inMemory.put(renewalId, view);
                if (inMemory.size() > viewsInMemory) {
                    Iterator<Map.Entry<String, RenewalView>> eldest = inMemory.entrySet().iterator();
                    pushOut(eldest.next().getValue());
                    eldest.remove();
                }
            }
            if (view.getLastSequence() != null && view.getLastSequence() >= sequence) {
                return; // the live projection has folded it already
            }
            RenewalViewProjection.apply(view, event);
            view.folded(sequence);
        }

        /** Writes every view still in memory, waits until all are written, and makes them the read model. */
        void finish() {
            inMemory.values().forEach(this::pushOut);
            inMemory.clear();
            handToWriter();
            while (!beingWritten.isEmpty()) {
                beingWritten.poll().written().join();
            }
            target.complete();
        }

        @Override
        public void close() {
            writer.shutdownNow();
            target.close();
        }

        private void pushOut(RenewalView view) {
            pushedOut.put(view.getRenewalId(), view);
            if (pushedOut.size() >= Math.min(VIEWS_PER_WRITE, viewsInMemory)) {
                handToWriter();
            }
        }

        private void handToWriter() {
            if (pushedOut.isEmpty()) {
                return;
            }
            List<RenewalView> views = List.copyOf(pushedOut.values());
            beingWritten.add(new Batch(pushedOut, CompletableFuture.runAsync(() -> target.write(views), writer)));
            pushedOut = new LinkedHashMap<>();
            while (beingWritten.size() > WRITES_AHEAD
                    || !beingWritten.isEmpty() && beingWritten.peek().written().isDone()) {
                beingWritten.poll().written().join();
            }
        }

        /** A view pushed out of memory earlier: waiting for the writer, being written, or as written. */
        private RenewalView recall(String renewalId) {
            RenewalView waiting = pushedOut.remove(renewalId);
            if (waiting != null) {
                return waiting;
            }
            for (Batch batch : beingWritten) {
                RenewalView handedOver = batch.views().remove(renewalId);
                if (handedOver != null) {
                    batch.written().join();
                    RenewalView written = target.takeBack(renewalId);
                    return written != null ? written : handedOver;
                }
            }
            RenewalView written = target.takeBack(renewalId);
            if (written == null) {
                throw new IllegalStateException("the view of renewal " + renewalId + " was deleted during the"
                        + " rebuild; rebuild again");
            }
            return written;
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
