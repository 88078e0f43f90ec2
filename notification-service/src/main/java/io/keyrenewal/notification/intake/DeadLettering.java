package io.keyrenewal.notification.intake;

import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.notification.NotificationProperties;
import io.keyrenewal.notification.renewal.UnknownRenewal;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;

/**
 * A record that cannot be handled goes to {@code <topic>.dlt} (same partition) with a readable reason in the
 * {@code keyrenewal_dlt_reason} header, and the consumer carries on. Malformed records are not retried; other
 * failures (e.g. the database not answering) are retried a few times first. Used by every listener:
 * {@code renewal.events.v1} and {@code partner.directory.v1}.
 */
@Configuration
class DeadLettering {

    private static final Logger log = LoggerFactory.getLogger(DeadLettering.class);

    @Bean
    DefaultErrorHandler renewalEventsErrorHandler(KafkaOperations<?, ?> kafka, NotificationProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setHeadersFunction((record, failure) -> {
            String reason = reason(failure);
            log.warn("record {}-{}@{} (key {}) goes to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), reason);
            RecordHeaders headers = new RecordHeaders();
            headers.add(MessageHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        NotificationProperties.Retry retry = properties.retry();
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(retry.interval().toMillis(), retry.attempts()));
        handler.addNotRetryableExceptions(MalformedMessage.class, IllegalArgumentException.class,
                UnknownRenewal.class);
        return handler;
    }

    static String reason(Exception failure) {
        Throwable cause = failure;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
