package io.keyrenewal.renewal.confirmation;

import io.keyrenewal.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A confirmation from the topic arrived when the broker appended it, not when a busy consumer got to it. */
class PartnerConfirmationListenerTest {

    private static final long NOW = 1_796_000_000_000L;

    @Test
    void aRecordWaitedOnTheTopicSinceTheBrokerAppendedIt() {
        ConfirmationGate.Arrival arrival = PartnerConfirmationListener.arrival(
                record(NOW - Duration.ofMinutes(12).toMillis(), TimestampType.LOG_APPEND_TIME), NOW);

        assertThat(arrival.waited()).isEqualTo(Duration.ofMinutes(12));
        assertThat(arrival.rejectionId()).isEqualTo("kafka:" + Topics.PARTNER_CONFIRMATIONS + "/2/41");
        assertThat(arrival.renewalId()).isEqualTo("renewal-1");
        assertThat(arrival.authenticatedAs()).isNull();
    }

    @Test
    void aRecordStampedInTheFutureOrWithoutATimeWaitedNotAtAll() {
        assertThat(PartnerConfirmationListener.arrival(record(NOW + 5_000, TimestampType.CREATE_TIME), NOW).waited())
                .isZero();
        assertThat(PartnerConfirmationListener.arrival(record(-1, TimestampType.NO_TIMESTAMP_TYPE), NOW).waited())
                .isZero();
    }

    private static ConsumerRecord<String, String> record(long timestamp, TimestampType type) {
        return new ConsumerRecord<>(Topics.PARTNER_CONFIRMATIONS, 2, 41, timestamp, type, 0, 0, "renewal-1", "{}",
                new RecordHeaders(), Optional.empty());
    }
}
