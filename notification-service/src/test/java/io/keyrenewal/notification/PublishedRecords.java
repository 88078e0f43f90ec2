package io.keyrenewal.notification;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * What the service published, as the tests on the shared context read it: each topic from its beginning by one
 * {@link TopicRecorder} for the whole context (the tests run one at a time); a test finds its records by its own ids.
 */
final class PublishedRecords implements AutoCloseable {

    private final String bootstrapServers;
    private final Map<String, TopicRecorder> readers = new HashMap<>();

    PublishedRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Everything read so far on {@code topic} that matches, after one more poll. */
    synchronized List<ConsumerRecord<String, String>> on(String topic,
                                                         Predicate<ConsumerRecord<String, String>> matching) {
        return readers.computeIfAbsent(topic, name -> new TopicRecorder(bootstrapServers, name)).records(matching);
    }

    /** The first record on {@code topic} that matches, once there is one. */
    ConsumerRecord<String, String> awaitFirst(String topic, Predicate<ConsumerRecord<String, String>> matching) {
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> on(topic, matching), records -> !records.isEmpty())
                .get(0);
    }

    @Override
    public synchronized void close() {
        readers.values().forEach(TopicRecorder::close);
    }
}
