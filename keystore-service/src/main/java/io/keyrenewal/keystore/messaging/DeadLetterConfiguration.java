package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;

/**
 * A record that cannot be handled goes to {@code <topic>.dlt} with the reason in {@code keyrenewal_dlt_reason}:
 * at once if it is malformed, after a few quick retries otherwise. The consumer then carries on.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    private static final long RETRY_INTERVAL_MILLIS = 200;
    private static final long RETRIES = 3;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);

    @Bean
    DefaultErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setHeadersFunction((record, failure) -> new RecordHeaders().add(MessageHeaders.DEAD_LETTER_REASON,
                reason(failure).getBytes(StandardCharsets.UTF_8)));
        ConsumerRecordRecoverer loggingRecoverer = (record, failure) -> {
            log.warn("Record {}-{}@{} (key {}) goes to {}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), Topics.deadLetter(record.topic()), reason(failure));
            recoverer.accept(record, failure);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(loggingRecoverer,
                new FixedBackOff(RETRY_INTERVAL_MILLIS, RETRIES));
        handler.addNotRetryableExceptions(MalformedMessage.class, IllegalArgumentException.class);
        return handler;
    }

    static String reason(Exception failure) {
        Throwable cause = failure;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "no details" : cause.getMessage();
        return cause instanceof MalformedMessage ? message : cause.getClass().getSimpleName() + ": " + message;
    }
}
