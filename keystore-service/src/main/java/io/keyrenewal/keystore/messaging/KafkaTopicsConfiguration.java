package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics the keystore consumes and publishes, and their dead-letter topics; created if missing. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    private static final int PARTITIONS = 3;
    private static final int REPLICAS = 1;

    @Bean
    KafkaAdmin.NewTopics keystoreTopics() {
        return new KafkaAdmin.NewTopics(
                topic(Topics.RENEWAL_EVENTS).config("retention.ms", "-1").build(),
                topic(Topics.deadLetter(Topics.RENEWAL_EVENTS)).build(),
                topic(Topics.KEYSTORE_REPORTS).build(),
                topic(Topics.deadLetter(Topics.KEYSTORE_REPORTS)).build());
    }

    private static TopicBuilder topic(String name) {
        return TopicBuilder.name(name).partitions(PARTITIONS).replicas(REPLICAS);
    }
}
