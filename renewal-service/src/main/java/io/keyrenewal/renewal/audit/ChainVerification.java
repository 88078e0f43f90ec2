package io.keyrenewal.renewal.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recomputes the hash chain from the event store as it is now and compares it with the recorded chain; names the
 * first broken link. Streams the rows in storage order, so the whole store is checked without loading it.
 */
@Component
public class ChainVerification {

    private final JdbcTemplate jdbc;

    public ChainVerification(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the chain breaks first: the aggregate, the event's sequence number and why. */
    public record BrokenLink(String aggregateIdentifier, long sequenceNumber, String eventIdentifier, String reason) {
    }

    /** The outcome: how many events were checked, and the first broken link (null if none). */
    public record Result(boolean intact, long eventsChecked, BrokenLink firstBrokenLink) {
    }

    /** Verifies one aggregate (a renewal or a partner), or every aggregate when {@code aggregateIdentifier} is null. */
    public Result verify(String aggregateIdentifier) {
        AtomicLong checked = new AtomicLong();
        AtomicReference<BrokenLink> broken = new AtomicReference<>();
        AtomicReference<String> currentAggregate = new AtomicReference<>();
        AtomicReference<String> previousHash = new AtomicReference<>(ChainLink.GENESIS);
        AtomicLong expectedSequence = new AtomicLong();
        String where = aggregateIdentifier == null ? "" : " where e.aggregate_identifier = ?";
        Object[] arguments = aggregateIdentifier == null ? new Object[0] : new Object[]{aggregateIdentifier};
        jdbc.query("select e.aggregate_identifier, e.sequence_number, e.event_identifier, e.time_stamp,"
                + " e.payload_type, e.payload_revision, e.payload, c.previous_hash, c.hash"
                + " from domain_event_entry e left join event_chain c"
                + " on c.aggregate_identifier = e.aggregate_identifier and c.sequence_number = e.sequence_number"
                + where + " order by e.aggregate_identifier, e.sequence_number", row -> {
            if (broken.get() != null) {
                return;
            }
            String aggregate = row.getString(1);
            long sequence = row.getLong(2);
            String eventId = row.getString(3);
            if (!aggregate.equals(currentAggregate.get())) {
                currentAggregate.set(aggregate);
                previousHash.set(ChainLink.GENESIS);
                expectedSequence.set(0);
            }
            checked.incrementAndGet();
            String recordedPrevious = row.getString(8);
            String recordedHash = row.getString(9);
            if (sequence != expectedSequence.get()) {
                broken.set(new BrokenLink(aggregate, expectedSequence.get(), null, "event " + expectedSequence.get()
                        + " is missing from the event store"));
            } else if (recordedHash == null) {
                broken.set(new BrokenLink(aggregate, sequence, eventId, "no chain link was recorded for this event"));
            } else if (!recordedPrevious.equals(previousHash.get())) {
                broken.set(new BrokenLink(aggregate, sequence, eventId, "the link does not follow the previous one"));
            } else {
                String recomputed = ChainLink.hash(recordedPrevious, eventId, aggregate, sequence,
                        Instant.parse(row.getString(4)), row.getString(5), row.getString(6), row.getBytes(7));
                if (!recomputed.equals(recordedHash)) {
                    broken.set(new BrokenLink(aggregate, sequence, eventId, "the stored event differs from the one"
                            + " that was chained: it was altered after it was stored"));
                }
            }
            previousHash.set(recordedHash);
            expectedSequence.incrementAndGet();
        }, arguments);
        return new Result(broken.get() == null, checked.get(), broken.get());
    }
}
