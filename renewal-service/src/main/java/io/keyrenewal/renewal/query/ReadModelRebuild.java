package io.keyrenewal.renewal.query;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the renewal read model from the event store on an operator's request, in the background, with progress,
 * while the write side runs on: each renewal's events are folded afresh and written only if no newer live event
 * reached its view meanwhile. Only the read model is touched: no relay, keystore or notification handler runs again.
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final String RENEWAL_AGGREGATE = "Renewal";

    /** Where a rebuild stands: events folded of the total when it started. */
    public record Progress(String state, long eventsDone, long eventsTotal, Instant startedAt, Instant finishedAt,
                           String failure) {

        static final Progress NEVER_RAN = new Progress("NEVER_RAN", 0, 0, null, null, null);
    }

    private final JdbcTemplate jdbc;
    private final RenewalViewRepository views;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.NEVER_RAN);

    public ReadModelRebuild(JdbcTemplate jdbc, RenewalViewRepository views, TransactionTemplate transaction,
                            Clock clock) {
        this.jdbc = jdbc;
        this.views = views;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Progress progress() {
        return progress.get();
    }

    /** Starts a rebuild unless one runs; answers its progress. */
    public synchronized Progress start() {
        if ("RUNNING".equals(progress.get().state())) {
            return progress.get();
        }
        long total = jdbc.queryForObject("select count(*) from domain_event_entry where type = ?", Long.class,
                RENEWAL_AGGREGATE);
        Instant startedAt = clock.instant();
        progress.set(new Progress("RUNNING", 0, total, startedAt, null, null));
        worker.submit(() -> run(total, startedAt));
        return progress.get();
    }

    private void run(long total, Instant startedAt) {
        long[] done = {0};
        RenewalView[] current = {null};
        try {
            jdbc.query("select aggregate_identifier, sequence_number, payload from domain_event_entry where type = ?"
                    + " order by aggregate_identifier, sequence_number", row -> {
                String renewalId = row.getString(1);
                if (current[0] != null && !current[0].getRenewalId().equals(renewalId)) {
                    write(current[0]);
                    current[0] = null;
                }
                if (current[0] == null) {
                    current[0] = new RenewalView(renewalId);
                }
                RenewalEvent event = ContractJson.read(new String(row.getBytes(3), StandardCharsets.UTF_8),
                        RenewalEvent.class);
                RenewalViewProjection.apply(current[0], event);
                current[0].folded(row.getLong(2));
                if (++done[0] % 1000 == 0) {
                    progress.set(new Progress("RUNNING", done[0], total, startedAt, null, null));
                }
            }, RENEWAL_AGGREGATE);
            if (current[0] != null) {
                write(current[0]);
            }
            progress.set(new Progress("DONE", done[0], total, startedAt, clock.instant(), null));
            log.info("Read model rebuilt from {} events", done[0]);
        } catch (RuntimeException e) {
            progress.set(new Progress("FAILED", done[0], total, startedAt, clock.instant(), e.getMessage()));
            log.error("Read model rebuild failed after {} events", done[0], e);
        }
    }

    /** Writes the refolded view unless the live projection already holds a newer one. */
    private void write(RenewalView rebuilt) {
        transaction.executeWithoutResult(status -> {
            Long live = jdbc.query("select last_sequence from renewal_view where renewal_id = ? for update",
                    rows -> rows.next() ? (Long) rows.getObject(1, Long.class) : null, rebuilt.getRenewalId());
            if (live == null || live <= rebuilt.getLastSequence()) {
                views.save(rebuilt);
            }
        });
    }
}
