package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.Topics;
import io.keyrenewal.keystore.store.InvalidAlias;
import io.keyrenewal.keystore.store.OperationRefused;
import io.keyrenewal.messaging.PermanentFailures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the keystore consumes and publishes, created if missing, and the refusals that send a renewal event to
 * {@code renewal.events.v1.dlt} at once (the dead-letter topics and the retries of passing failures are
 * service-messaging's). The keystore's rules refuse most operations with a {@code KeystoreOperationFailed} report
 * rather than an exception; what is thrown to the consumer is a record it cannot read or a value it cannot use.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    private static final int PARTITIONS = 3;
    private static final int REPLICAS = 1;

    @Bean
    KafkaAdmin.NewTopics keystoreTopics() {
        return new KafkaAdmin.NewTopics(
                topic(Topics.RENEWAL_EVENTS).config("retention.ms", "-1").build(),
                topic(Topics.KEYSTORE_REPORTS).build(),
                // the latest record of each alias is what counts: compaction keeps it and drops the older ones
                topic(Topics.ALIAS_CERTIFICATES).compact().build());
    }

    @Bean
    PermanentFailures keystoreRefusals() {
        return PermanentFailures.of(IllegalArgumentException.class, InvalidAlias.class, OperationRefused.class);
    }

    private static TopicBuilder topic(String name) {
        return TopicBuilder.name(name).partitions(PARTITIONS).replicas(REPLICAS);
    }
}
