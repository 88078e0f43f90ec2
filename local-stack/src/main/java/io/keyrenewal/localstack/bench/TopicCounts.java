package io.keyrenewal.localstack.bench;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.localstack.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Records on the broker's topics, counted from their offsets: every topic together (how much the system wrote to
 * Kafka) and the dead-letter topics ({@code *.dlt}) one by one, with the first reasons found on them.
 */
final class TopicCounts implements AutoCloseable {

    private static final String DEAD_LETTER_SUFFIX = ".dlt";
    private static final int REASONS_SHOWN = 5;
    private static final int REASON_LENGTH = 300;

    private final KafkaConsumer<String, String> consumer;

    TopicCounts(String bootstrapServers) {
        this.consumer = KafkaClients.viewer(bootstrapServers, "keyrenewal-bench-counts");
    }

    /**
     * Records on every topic but the broker's own ({@code __...}): the sum of end minus beginning offsets; -1 if the
     * broker does not answer.
     */
    synchronized long allRecords() {
        try {
            return recordsPerTopic(name -> !name.startsWith("__")).values().stream().mapToLong(Long::longValue)
                    .sum();
        } catch (KafkaException e) {
            return -1;
        }
    }

    /** Records on each {@code *.dlt} topic (only those that exist); empty if the broker does not answer. */
    synchronized Optional<Map<String, Long>> deadLetters() {
        try {
            return Optional.of(recordsPerTopic(name -> name.endsWith(DEAD_LETTER_SUFFIX)));
        } catch (KafkaException e) {
            return Optional.empty();
        }
    }

    /** The {@code keyrenewal_dlt_reason} header of the first few records on the dead-letter topics. */
    synchronized List<String> firstDeadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        try {
            readReasons(reasons);
        } catch (KafkaException e) {
            reasons.add("(could not read the dead-letter topics: " + e.getMessage() + ")");
        }
        return reasons;
    }

    private void readReasons(List<String> reasons) {
        List<TopicPartition> partitions = partitions(name -> name.endsWith(DEAD_LETTER_SUFFIX));
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (reasons.size() < REASONS_SHOWN && System.nanoTime() < giveUp) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                if (reasons.size() < REASONS_SHOWN) {
                    String reason = CloudEventHeaders.read(record.headers(), MessageHeaders.DEAD_LETTER_REASON)
                            .orElse("(no " + MessageHeaders.DEAD_LETTER_REASON + " header)");
                    reasons.add(record.topic() + ": " + (reason.length() > REASON_LENGTH
                            ? reason.substring(0, REASON_LENGTH) + "..." : reason));
                }
            }
        }
        consumer.unsubscribe();
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private Map<String, Long> recordsPerTopic(java.util.function.Predicate<String> topics) {
        List<TopicPartition> partitions = partitions(topics);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Map<String, Long> records = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            records.merge(partition.topic(), ends.get(partition) - beginnings.get(partition), Long::sum);
        }
        return records;
    }

    private List<TopicPartition> partitions(java.util.function.Predicate<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics(Duration.ofSeconds(30)).entrySet()) {
            if (topics.test(topic.getKey())) {
                topic.getValue().forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        return partitions;
    }
}
