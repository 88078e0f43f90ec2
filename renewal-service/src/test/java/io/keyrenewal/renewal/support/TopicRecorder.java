package io.keyrenewal.renewal.support;

import io.keyrenewal.contracts.MessageHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads a topic from its beginning into memory; tests poll it from inside Awaitility. */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    public TopicRecorder(String bootstrapServers, String... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(topics));
    }

    /** Polls once and answers every record read so far that matches. */
    public List<ConsumerRecord<String, String>> poll(Predicate<ConsumerRecord<String, String>> filter) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.stream().filter(filter).toList();
    }

    public List<ConsumerRecord<String, String>> withKey(String key) {
        return poll(record -> key.equals(record.key()));
    }

    /** Waits until the records with {@code key} are of exactly these {@code ce_type}s, in order; answers them. */
    public List<ConsumerRecord<String, String>> awaitTypes(String key, String... types) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(withKey(key))
                .extracting(record -> header(record, MessageHeaders.TYPE)).containsExactly(types));
        return withKey(key);
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
