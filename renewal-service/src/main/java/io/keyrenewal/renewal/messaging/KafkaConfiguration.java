package io.keyrenewal.renewal.messaging;

import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.renewal.confirmation.ConfirmationRejected;
import io.keyrenewal.renewal.playbook.RenewalRefused;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;

/**
 * The topics this service publishes and consumes, and what happens to a record it cannot handle: it goes to
 * {@code <topic>.dlt} with the reason in the {@code keyrenewal_dlt_reason} header, and the consumer carries on.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    private static final int PARTITIONS = 3;

    @Bean
    public KafkaAdmin.NewTopics renewalServiceTopics() {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.RENEWAL_EVENTS).partitions(PARTITIONS).replicas(1)
                        .config("retention.ms", "-1").build(),
                TopicBuilder.name(Topics.PARTNER_DIRECTORY).partitions(PARTITIONS).replicas(1).compact().build(),
                topic(Topics.PARTNER_CONFIRMATIONS), topic(Topics.deadLetter(Topics.PARTNER_CONFIRMATIONS)),
                topic(Topics.KEYSTORE_REPORTS), topic(Topics.deadLetter(Topics.KEYSTORE_REPORTS)));
    }

    private static NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(PARTITIONS).replicas(1).build();
    }

    @Bean
    public DefaultErrorHandler deadLetterErrorHandler(KafkaTemplate<String, String> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setHeadersFunction((record, exception) -> new RecordHeaders().add(new RecordHeader(
                MessageHeaders.DEAD_LETTER_REASON, reason(exception).getBytes(StandardCharsets.UTF_8))));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500L, 2));
        handler.addNotRetryableExceptions(MalformedMessage.class, IllegalArgumentException.class,
                RenewalRefused.class, AggregateNotFoundException.class, ConfirmationRejected.class);
        return handler;
    }

    static String reason(Exception exception) {
        Throwable cause = exception;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AggregateNotFoundException) {
            return "unknown renewal: " + cause.getMessage();
        }
        if (cause instanceof ConfirmationRejected rejected) {
            return "confirmation rejected (" + rejected.kind() + "): " + rejected.getMessage();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
