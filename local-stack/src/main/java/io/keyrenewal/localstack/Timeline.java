package io.keyrenewal.localstack;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the events of one renewal as they arrive on {@code renewal.events.v1} (from the beginning of the topic,
 * in its own consumer group, filtered on record key = renewal id): event time, {@code ce_sequence}, type and a
 * summary line. Others can wait for an event with {@link #awaitEvent(Class, Duration, String)}.
 */
public final class Timeline implements AutoCloseable {

    private final RenewalId renewalId;
    private final PrintStream out;
    private final List<RenewalEvent> events = new ArrayList<>();
    private RuntimeException failure;
    private TopicFollower follower;

    private Timeline(RenewalId renewalId, PrintStream out) {
        this.renewalId = renewalId;
        this.out = out;
    }

    /** Starts printing the events of {@code renewalId} to {@code out}, older ones first. */
    public static Timeline follow(String bootstrapServers, RenewalId renewalId, PrintStream out) {
        Timeline timeline = new Timeline(renewalId, out);
        timeline.follower = TopicFollower.start(bootstrapServers, Topics.RENEWAL_EVENTS, "local-stack-timeline",
                "timeline-" + renewalId, (record, receivedAt) -> {
                    if (renewalId.value().equals(record.key())) {
                        timeline.show(record);
                    }
                }, timeline::stopped);
        return timeline;
    }

    /** The events seen so far, in order. */
    public synchronized List<RenewalEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The first event of {@code type}, waiting up to {@code timeout} for it.
     *
     * @param whereToLook what to read if it does not come, e.g. which service log
     * @throws LocalStackFailure naming the last event seen and {@code whereToLook} if it does not come in time
     */
    public synchronized <T extends RenewalEvent> T awaitEvent(Class<T> type, Duration timeout, String whereToLook) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = events.stream().filter(type::isInstance).map(type::cast).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (failure != null) {
                throw new LocalStackFailure("the timeline stopped reading " + Topics.RENEWAL_EVENTS + ": "
                        + failure.getMessage(), failure);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new LocalStackFailure(missing(type, timeout) + "; " + whereToLook);
            }
            try {
                wait(Math.max(1, remaining / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackFailure("interrupted while waiting for " + type.getSimpleName(), e);
            }
        }
    }

    @Override
    public void close() {
        follower.close();
    }

    private void stopped(RuntimeException e) {
        synchronized (this) {
            failure = e;
            notifyAll();
        }
        out.println("The timeline stopped: " + e);
    }

    private void show(ConsumerRecord<String, String> record) {
        String sequence = CloudEventHeaders.read(record.headers(), MessageHeaders.SEQUENCE).map(s -> "#" + s)
                .orElse("#?");
        String type = CloudEventHeaders.read(record.headers(), MessageHeaders.TYPE).orElse("(no ce_type)");
        try {
            RenewalEvent event = ContractJson.read(record.value(), RenewalEvent.class);
            out.println(line(event.at(), sequence, type, EventSummary.of(event)));
            synchronized (this) {
                events.add(event);
                notifyAll();
            }
        } catch (MalformedMessage e) {
            out.println(line(Instant.ofEpochMilli(record.timestamp()), sequence, type,
                    "(not readable here: " + e.getMessage() + ")"));
        }
    }

    private static String line(Instant at, String sequence, String type, String summary) {
        return String.format(Locale.ROOT, "  %s  %-4s %-25s %s", EventSummary.localTime(at), sequence, type, summary);
    }

    private String missing(Class<? extends RenewalEvent> type, Duration timeout) {
        StringBuilder message = new StringBuilder("no ").append(type.getSimpleName()).append(" for renewal ")
                .append(renewalId).append(" within ").append(Durations.seconds(timeout));
        if (events.isEmpty()) {
            message.append(" (no event of this renewal on ").append(Topics.RENEWAL_EVENTS).append(" yet)");
        } else {
            message.append(" (last event: ").append(events.get(events.size() - 1).getClass().getSimpleName())
                    .append(')');
        }
        events.stream().filter(KeystoreFailureRecorded.class::isInstance).map(KeystoreFailureRecorded.class::cast)
                .reduce((first, second) -> second)
                .ifPresent(failed -> message.append("; the keystore reported: ").append(failed.operation())
                        .append(" failed: ").append(failed.reason()));
        return message.toString();
    }
}
