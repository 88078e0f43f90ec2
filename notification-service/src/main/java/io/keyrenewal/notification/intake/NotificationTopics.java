package io.keyrenewal.notification.intake;

import io.keyrenewal.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics this service reads and writes, created if missing, and the topic where parked deliveries go; the
 * dead-letter topics of the topics it reads are service-messaging's.
 */
@Configuration
class NotificationTopics {

    private static final int PARTITIONS = 3;
    private static final int REPLICAS = 1;

    @Bean
    NewTopic renewalEventsTopic() {
        return topic(Topics.RENEWAL_EVENTS).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    /** renewal-service's expiry watch publishes here; created by whichever service starts first. */
    @Bean
    NewTopic aliasWatchTopic() {
        return topic(Topics.ALIAS_WATCH).build();
    }

    @Bean
    NewTopic partnerNotificationsTopic() {
        return topic(Topics.PARTNER_NOTIFICATIONS).build();
    }

    @Bean
    NewTopic partnerNotificationsDeadLetterTopic() {
        return topic(Topics.deadLetter(Topics.PARTNER_NOTIFICATIONS)).build();
    }

    @Bean
    NewTopic partnerDirectoryTopic() {
        return topic(Topics.PARTNER_DIRECTORY).compact().build();
    }

    private static TopicBuilder topic(String name) {
        return TopicBuilder.name(name).partitions(PARTITIONS).replicas(REPLICAS);
    }
}
