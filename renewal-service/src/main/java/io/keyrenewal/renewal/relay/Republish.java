package io.keyrenewal.renewal.relay;

import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Sends stored history to {@code renewal.events.v1} again, for a new consumer or a lost topic: one renewal's events,
 * or the events stored in a time range, each as the very record the relay sent (key, value, headers, {@code ce_id} =
 * event id), so a consumer that had it already drops it as a duplicate. It reads the event store on its own, in the
 * background, one job at a time; the relay and its tracking token are left alone.
 */
@Component
public class Republish {

    private static final Logger log = LoggerFactory.getLogger(Republish.class);
    private static final String RENEWAL_AGGREGATE = "Renewal";
    private static final int SENDS_PER_ACKNOWLEDGEMENT = 500;
    private static final int JOBS_KEPT = 20;

    /**
     * What to send again: the whole history of one renewal, or every renewal event stored from {@code from}
     * (inclusive) to {@code to} (exclusive), to the millisecond as the store keeps time; either end may be open.
     */
    public record Selection(String renewalId, Instant from, Instant to) {

        public Selection {
            renewalId = renewalId == null || renewalId.isBlank() ? null : renewalId.strip();
            from = from == null ? null : from.truncatedTo(ChronoUnit.MILLIS);
            to = to == null ? null : to.truncatedTo(ChronoUnit.MILLIS);
            if (renewalId == null && from == null && to == null) {
                throw new RepublishRefused.InvalidSelection("give a renewalId, or a time range: from, to or both");
            }
            if (renewalId != null && (from != null || to != null)) {
                throw new RepublishRefused.InvalidSelection("give a renewalId or a time range, not both");
            }
            if (from != null && to != null && !from.isBefore(to)) {
                throw new RepublishRefused.InvalidSelection("from (" + from + ") must be before to (" + to + ")");
            }
        }

        boolean covers(Instant storedAt) {
            return (from == null || !storedAt.isBefore(from)) && (to == null || storedAt.isBefore(to));
        }

        @Override
        public String toString() {
            return renewalId != null ? "renewal " + renewalId
                    : "events stored from " + (from == null ? "the start" : from) + " to " + (to == null ? "now" : to);
        }
    }

    /** Where a job stands: events sent and acknowledged by Kafka, of those selected when it started. */
    @Schema(name = "RepublishProgress")
    public record Progress(String jobId, String state, long eventsDone, long eventsTotal, Selection selection,
                           Instant startedAt, Instant finishedAt, String failure) {

        Progress sent(long done) {
            return new Progress(jobId, state, done, eventsTotal, selection, startedAt, null, null);
        }

        Progress ended(String endState, long done, Instant at, String why) {
            return new Progress(jobId, endState, done, eventsTotal, selection, startedAt, at, why);
        }

        boolean running() {
            return "RUNNING".equals(state);
        }
    }

    /** The selected events' global positions in the store, as they stood when the job started. */
    private record Range(long events, long firstIndex, long lastIndex) {
    }

    private final JdbcTemplate jdbc;
    private final EventStorageEngine storage;
    private final KafkaTemplate<String, String> kafka;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "republish");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Progress> jobs = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
            return size() > JOBS_KEPT;
        }
    });

    public Republish(JdbcTemplate jdbc, EventStorageEngine storage, KafkaTemplate<String, String> kafka, Clock clock) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** Starts sending {@code selection} again, unless another job runs; answers the new job's progress. */
    public synchronized Progress start(Selection selection) {
        jobs.values().stream().filter(Progress::running).findFirst().ifPresent(running -> {
            throw new RepublishRefused.AlreadyRunning("republish " + running.jobId() + " of " + running.selection()
                    + " is still running (" + running.eventsDone() + " of " + running.eventsTotal()
                    + " events sent); one republish runs at a time");
        });
        Range range = selection.renewalId() != null ? historyOf(selection.renewalId()) : storedIn(selection);
        Progress started = new Progress(UUID.randomUUID().toString(), "RUNNING", 0, range.events(), selection,
                clock.instant(), null, null);
        jobs.put(started.jobId(), started);
        log.info("Republish {}: {} events of {} to {}", started.jobId(), range.events(), selection,
                Topics.RENEWAL_EVENTS);
        worker.submit(() -> run(started, range));
        return started;
    }

    public Progress progress(String jobId) {
        Progress progress = jobs.get(jobId);
        if (progress == null) {
            throw new RepublishRefused.UnknownJob("no republish " + jobId + " (only the latest " + JOBS_KEPT
                    + " are kept)");
        }
        return progress;
    }

    private Range historyOf(String renewalId) {
        Long events = jdbc.queryForObject("select count(*) from domain_event_entry where type = ?"
                + " and aggregate_identifier = ?", Long.class, RENEWAL_AGGREGATE, renewalId);
        if (events == null || events == 0) {
            throw new RepublishRefused.InvalidSelection("renewal " + renewalId + " is not in the event store");
        }
        return new Range(events, 0, 0);
    }

    private Range storedIn(Selection selection) {
        List<Object> arguments = new ArrayList<>(List.of(RENEWAL_AGGREGATE));
        StringBuilder where = new StringBuilder(" where type = ?");
        if (selection.from() != null) {
            where.append(" and time_stamp >= ?");
            arguments.add(DateTimeUtils.formatInstant(selection.from()));
        }
        if (selection.to() != null) {
            where.append(" and time_stamp < ?");
            arguments.add(DateTimeUtils.formatInstant(selection.to()));
        }
        return jdbc.queryForObject("select count(*), min(global_index), max(global_index) from domain_event_entry"
                + where, (row, number) -> new Range(row.getLong(1), row.getLong(2), row.getLong(3)),
                arguments.toArray());
    }

    private void run(Progress started, Range range) {
        Sender sender = new Sender(started);
        try {
            if (started.selection().renewalId() != null) {
                storage.readEvents(started.selection().renewalId(), 0).asStream().forEach(sender::send);
            } else if (range.events() > 0) {
                try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(
                        GapAwareTrackingToken.newInstance(range.firstIndex() - 1, List.of()), false)) {
                    events.takeWhile(event -> event.trackingToken().position().orElse(Long.MAX_VALUE)
                                    <= range.lastIndex())
                            .filter(event -> started.selection().covers(event.getTimestamp()))
                            .forEach(sender::send);
                }
            }
            sender.acknowledged();
            jobs.put(started.jobId(), started.ended("DONE", sender.done, clock.instant(), null));
            log.info("Republish {}: done, {} events sent again", started.jobId(), sender.done);
        } catch (RuntimeException e) {
            jobs.put(started.jobId(), started.ended("FAILED", sender.done, clock.instant(), e.getMessage()));
            log.error("Republish {} failed after {} events", started.jobId(), sender.done, e);
        }
    }

    /** Sends renewal events as the relay does, and counts them done once Kafka acknowledged them. */
    private final class Sender {

        private final Progress started;
        private final List<CompletableFuture<SendResult<String, String>>> pending = new ArrayList<>();
        private long done;

        Sender(Progress started) {
            this.started = started;
        }

        void send(EventMessage<?> message) {
            if (message instanceof DomainEventMessage<?> stored && stored.getPayload() instanceof RenewalEvent event) {
                pending.add(kafka.send(RenewalEventRelay.recordOf(event, stored.getIdentifier(),
                        stored.getSequenceNumber())));
                if (pending.size() == SENDS_PER_ACKNOWLEDGEMENT) {
                    acknowledged();
                }
            }
        }

        void acknowledged() {
            RenewalEventRelay.awaitAcknowledgements(pending);
            done += pending.size();
            pending.clear();
            jobs.put(started.jobId(), started.sent(done));
        }
    }
}
