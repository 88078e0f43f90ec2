package io.keyrenewal.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RetryListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every failed delivery of a record to a listener, by topic and {@link FailureKind}: logged (a passing failure at
 * most once per {@link MessagingSettings#retryLogInterval()} per partition, so an outage does not flood the log),
 * counted, and published as the Micrometer counters {@code keyrenewal.messaging.failed.deliveries} (tags
 * {@code topic}, {@code kind}) and {@code keyrenewal.messaging.dead.letters} (tags {@code topic}, {@code kind} and
 * {@code cause}, the simple name of the exception that decided it, e.g. {@code MalformedMessage}: the reason's
 * kind, bounded, where the reason's text is in the record's header) where a registry exists.
 */
public class FailedDeliveries implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(FailedDeliveries.class);

    private final FailureClassifier classifier;
    private final DeadLetterReasons reasons;
    private final Duration logInterval;
    private final int unknownRetries;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Instant> lastLogged = new ConcurrentHashMap<>();

    /**
     * @param meters where to publish the counters; null for none
     */
    public FailedDeliveries(FailureClassifier classifier, MessagingSettings settings, MeterRegistry meters,
                            Clock clock) {
        this.classifier = classifier;
        this.reasons = new DeadLetterReasons(classifier);
        this.logInterval = settings.retryLogInterval();
        this.unknownRetries = settings.unknownRetry().attempts();
        this.meters = meters;
        this.clock = clock;
    }

    /** How often records of {@code topic} failed with a failure of {@code kind} since the service started. */
    public long failures(String topic, FailureKind kind) {
        return count(topic + "/" + kind).get();
    }

    /** How many records of {@code topic} went to its dead-letter topic since the service started. */
    public long deadLetters(String topic) {
        return count(topic + "/dead-lettered").get();
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        FailureKind kind = classifier.kindOf(failure);
        count(record.topic() + "/" + kind).incrementAndGet();
        if (meters != null) {
            Counter.builder("keyrenewal.messaging.failed.deliveries").tag("topic", record.topic())
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(meters).increment();
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        switch (kind) {
            case TRANSIENT -> {
                Instant now = clock.instant();
                Instant last = lastLogged.get(partition);
                if (deliveryAttempt == 1 || last == null || !now.isBefore(last.plus(logInterval))) {
                    lastLogged.put(partition, now);
                    log.warn("Record {}-{}@{} (key {}) failed for a passing reason, attempt {}; the consumer waits "
                                    + "and retries it with backoff, it is not dead-lettered: {}", record.topic(),
                            record.partition(), record.offset(), record.key(), deliveryAttempt,
                            reasons.reason(failure));
                }
            }
            case UNKNOWN -> {
                String line = "Record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " (key "
                        + record.key() + ") failed unexpectedly, attempt " + deliveryAttempt + " of "
                        + (unknownRetries + 1) + " (not counted while the database does not answer), then it goes to the "
                        + "dead-letter topic: " + reasons.reason(failure);
                if (deliveryAttempt == 1) {
                    log.warn(line, failure);
                } else {
                    log.warn(line);
                }
            }
            case PERMANENT -> log.debug("Record {}-{}@{} (key {}) refused: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), reasons.reason(failure));
        }
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        lastLogged.remove(new TopicPartition(record.topic(), record.partition()));
        count(record.topic() + "/dead-lettered").incrementAndGet();
        if (meters != null) {
            Classification classification = classifier.classify(failure);
            Counter.builder("keyrenewal.messaging.dead.letters").description("Records sent to their dead-letter topic")
                    .tag("topic", record.topic())
                    .tag("kind", classification.kind().name().toLowerCase(Locale.ROOT))
                    .tag("cause", classification.cause().getClass().getSimpleName())
                    .register(meters).increment();
        }
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        log.error("Record {}-{}@{} (key {}) could not be dead-lettered; it is delivered again: {}", record.topic(),
                record.partition(), record.offset(), record.key(), failure.getMessage(), failure);
    }

    private AtomicLong count(String key) {
        return counts.computeIfAbsent(key, ignored -> new AtomicLong());
    }
}
