package io.keyrenewal.messaging;

import io.keyrenewal.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdminOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Before the listeners start: every topic a listener of this service consumes gets its {@code <topic>.dlt}, with as
 * many partitions as the topic (a record goes to the dead-letter partition of its own number), created if missing.
 */
public class DeadLetterTopics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterTopics.class);

    private final KafkaAdminOperations admin;
    private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;
    private final int defaultPartitions;
    private volatile boolean running;
    private volatile List<String> created = List.of();

    public DeadLetterTopics(KafkaAdminOperations admin, ObjectProvider<KafkaListenerEndpointRegistry> listeners,
                            int defaultPartitions) {
        this.admin = admin;
        this.listeners = listeners;
        this.defaultPartitions = defaultPartitions;
    }

    /** The dead-letter topics made sure of at start. */
    public List<String> deadLetterTopics() {
        return created;
    }

    @Override
    public void start() {
        running = true;
        TreeSet<String> consumed = new TreeSet<>();
        KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
        if (registry == null) {
            return;
        }
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (topics != null) {
                Arrays.stream(topics).filter(Objects::nonNull).forEach(consumed::add);
            }
        }
        consumed.removeIf(topic -> topic.endsWith(Topics.deadLetter("")));
        if (consumed.isEmpty()) {
            return;
        }
        try {
            NewTopic[] deadLetters = consumed.stream()
                    .map(topic -> TopicBuilder.name(Topics.deadLetter(topic)).partitions(partitionsOf(topic)).build())
                    .toArray(NewTopic[]::new);
            admin.createOrModifyTopics(deadLetters);
            created = Arrays.stream(deadLetters).map(NewTopic::name).toList();
            log.info("Dead-letter topics ready: {}", created);
        } catch (RuntimeException failure) {
            log.error("Could not make sure of the dead-letter topics of {}; a dead letter then goes where the broker "
                    + "puts it: {}", consumed, failure.getMessage(), failure);
        }
    }

    private int partitionsOf(String topic) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topic);
            TopicDescription description = described.get(topic);
            return description == null ? defaultPartitions : description.partitions().size();
        } catch (RuntimeException unknownTopic) {
            return defaultPartitions;
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Just before the listener containers. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 10;
    }
}
