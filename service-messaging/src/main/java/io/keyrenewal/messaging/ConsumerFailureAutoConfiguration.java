package io.keyrenewal.messaging;

import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The one error handler of every {@code @KafkaListener} of a service (Spring Boot gives the single
 * {@link CommonErrorHandler} bean to its listener container factory):
 * <ul>
 *     <li>{@link FailureKind#TRANSIENT}: retried with exponential backoff for as long as it lasts, never
 *     dead-lettered; the partition waits (order per renewal is kept);</li>
 *     <li>{@link FailureKind#PERMANENT}: to {@code <topic>.dlt} at once;</li>
 *     <li>{@link FailureKind#UNKNOWN}: a few retries, then to {@code <topic>.dlt}; attempts made while the service's
 *     database does not answer are not counted ({@link UnknownFailureBackOff}).</li>
 * </ul>
 * A dead letter keeps the original's key, value, headers and partition, gains the reason in
 * {@code keyrenewal_dlt_reason} and Spring's {@code kafka_dlt-*} headers (original topic, partition, offset,
 * exception), from which {@code renewalctl dead-letters replay} sends it back. A service names its refusals with
 * {@link PermanentFailures} beans.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(DefaultErrorHandler.class)
@EnableConfigurationProperties(MessagingSettings.class)
public class ConsumerFailureAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsumerFailureAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public FailureClassifier failureClassifier(ObjectProvider<PermanentFailures> permanentFailures) {
        return new FailureClassifier(permanentFailures.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    public FailedDeliveries failedDeliveries(FailureClassifier classifier, MessagingSettings settings,
                                             ObjectProvider<MeterRegistry> meters) {
        return new FailedDeliveries(classifier, settings, meters.getIfUnique(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    @ConditionalOnBean(KafkaOperations.class)
    public DefaultErrorHandler consumerErrorHandler(KafkaOperations<?, ?> kafka, FailureClassifier classifier,
                                                    FailedDeliveries failedDeliveries, MessagingSettings settings,
                                                    ObjectProvider<DataSource> database) {
        DeadLetterReasons reasons = new DeadLetterReasons(classifier);
        DeadLetterPublishingRecoverer publisher = new PrivateKeyRedactingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        publisher.setHeadersFunction((record, failure) -> new RecordHeaders().add(MessageHeaders.DEAD_LETTER_REASON,
                reasons.reason(failure).getBytes(StandardCharsets.UTF_8)));
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, failure) -> {
            log.warn("Record {}-{}@{} (key {}) goes to {}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), Topics.deadLetter(record.topic()), reasons.reason(failure));
            publisher.accept(record, consumer, failure);
        };
        BackOff transientBackOff = transientBackOff(settings.transientRetry());
        BackOff unknownBackOff = unknownBackOff(settings.unknownRetry(), transientBackOff,
                new DatabaseProbe(database.getIfUnique(), settings.databaseCheckTimeout()));
        BackOff noRetry = new FixedBackOff(0, 0);
        // the default back-off is the transient one: with none the handler would skip its retry listeners
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, transientBackOff);
        // the classifier alone decides, by the back-off it picks (Spring's own list of fatal types is replaced)
        handler.setClassifications(Map.of(), true);
        handler.setBackOffFunction((record, failure) -> switch (classifier.kindOf(failure)) {
            case TRANSIENT -> transientBackOff;
            case UNKNOWN -> unknownBackOff;
            case PERMANENT -> noRetry;
        });
        // a failure of another kind starts the count again (e.g. the database is back and the record is refused)
        handler.setResetStateOnExceptionChange(true);
        handler.setRetryListeners(failedDeliveries);
        // each retry would otherwise log an ERROR with a stack trace; FailedDeliveries logs them, throttled
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    /** Created with the service's other topics, so not when it creates none ({@code spring.kafka.admin.auto-create}). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnProperty(name = "spring.kafka.admin.auto-create", havingValue = "true", matchIfMissing = true)
    public DeadLetterTopics deadLetterTopics(KafkaAdmin admin, ObjectProvider<KafkaListenerEndpointRegistry> listeners,
                                             MessagingSettings settings) {
        return new DeadLetterTopics(admin, listeners, settings.deadLetterPartitions());
    }

    static BackOff transientBackOff(MessagingSettings.TransientRetry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }

    static BackOff unknownBackOff(MessagingSettings.UnknownRetry retry, BackOff whileDatabaseIsDown,
                                  DatabaseProbe database) {
        return new UnknownFailureBackOff(retry.initialInterval().toMillis(), retry.attempts(), whileDatabaseIsDown,
                database);
    }
}
