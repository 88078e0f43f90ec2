package io.keyrenewal.renewal.messaging;

import io.keyrenewal.contracts.Topics;
import io.keyrenewal.messaging.PermanentFailures;
import io.keyrenewal.renewal.confirmation.ConfirmationRejected;
import io.keyrenewal.renewal.playbook.RenewalRefused;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service publishes and consumes, and the refusals by which it turns a record away for good: such a
 * record goes to {@code <topic>.dlt} with the reason in {@code keyrenewal_dlt_reason} and the consumer carries on.
 * Anything that fails for a passing reason (the database, the broker, a concurrent append) is retried until it
 * succeeds (service-messaging; the dead-letter topics are created there too).
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
                // the broker stamps each confirmation with its arrival, which the clock-skew check is measured
                // against (not the moment a busy consumer gets to it), and which a partner cannot set
                TopicBuilder.name(Topics.PARTNER_CONFIRMATIONS).partitions(PARTITIONS).replicas(1)
                        .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime").build(),
                topic(Topics.KEYSTORE_REPORTS),
                // the keystore's aliases (its own declaration is the same): the watch reads them from the start
                TopicBuilder.name(Topics.ALIAS_CERTIFICATES).partitions(PARTITIONS).replicas(1).compact().build(),
                topic(Topics.ALIAS_WATCH));
    }

    private static NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(PARTITIONS).replicas(1).build();
    }

    /** What the playbook refuses, a confirmation the gate rejects, a renewal that does not exist, a bad value. */
    @Bean
    public PermanentFailures renewalRefusals() {
        return PermanentFailures.of(RenewalRefused.class, IllegalArgumentException.class)
                .describedAs(AggregateNotFoundException.class, unknown -> "unknown renewal: " + unknown.getMessage())
                .describedAs(ConfirmationRejected.class, rejected -> "confirmation rejected (" + rejected.kind()
                        + "): " + rejected.getMessage());
    }
}
