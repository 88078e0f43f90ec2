package io.keyrenewal.ctl;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.MessageHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * The dead-letter topics ({@code <topic>.dlt}): list what is there and why, and send records back to their topic once
 * the cause is fixed. Talks to Kafka directly, not to a service.
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true, description = "Lists and replays dead-lettered records (<topic>.dlt).",
        subcommands = {DeadLetterCommands.ListDeadLetters.class, DeadLetterCommands.Replay.class})
final class DeadLetterCommands {

    /** The consumer group whose committed offsets on a dead-letter topic mark how far {@code replay --all} got. */
    static final String REPLAY_GROUP = "keyrenewal-dlt-replay";
    /** On a replayed record: where it came from, {@code <dlt topic>/<partition>/<offset>}. */
    static final String REPLAYED_FROM = "keyrenewal_replayed_from";
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    private static final String DEAD_LETTER_SUFFIX = ".dlt";
    private static final String SPRING_DEAD_LETTER_HEADERS = "kafka_dlt-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Options of both subcommands. */
    abstract static class DeadLetterCommand implements Callable<Integer> {
        @Option(names = "--topic", required = true, paramLabel = "TOPIC.dlt", description = "the dead-letter topic, "
                + "e.g. keystore.reports.v1.dlt")
        String topic;
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (env "
                + "KAFKA_BOOTSTRAP_SERVERS, default 127.0.0.1:9092)",
                defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}")
        String bootstrapServers;
        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        Integer refused(String reason) {
            spec.commandLine().getErr().println("refused: " + reason);
            return RenewalCtl.REFUSED;
        }

        Integer failed(KafkaException failure) {
            spec.commandLine().getErr().println("Kafka at " + bootstrapServers + ": " + failure.getMessage());
            return 1;
        }

        boolean isDeadLetterTopic() {
            return topic.endsWith(DEAD_LETTER_SUFFIX) && topic.length() > DEAD_LETTER_SUFFIX.length();
        }

        KafkaConsumer<byte[], byte[]> consumer(String groupId) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            if (groupId != null) {
                config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            }
            return new KafkaConsumer<>(config);
        }

        /** Every record of the dead-letter topic, by partition and offset. */
        List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, TIMEOUT)
                    < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
            records.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> record) -> record.partition())
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }

        /** How far {@code replay --all} got on each partition (0 where it never ran). */
        Map<TopicPartition, Long> replayMarks(KafkaConsumer<byte[], byte[]> consumer) {
            Set<TopicPartition> partitions = Set.copyOf(partitions(consumer, topic));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, TIMEOUT);
            Map<TopicPartition, Long> marks = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata mark = committed.get(partition);
                marks.put(partition, mark == null ? 0L : mark.offset());
            }
            return marks;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the records of a dead-letter topic: partition/offset, time, key, "
            + "where it came from, whether replay --all sent it back already, and why it could not be handled.")
    static class ListDeadLetters extends DeadLetterCommand {

        @Override
        public Integer call() {
            if (!isDeadLetterTopic()) {
                return refused(topic + " is not a dead-letter topic (<topic>.dlt)");
            }
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(REPLAY_GROUP)) {
                List<ConsumerRecord<byte[], byte[]>> records = readAll(consumer);
                Map<TopicPartition, Long> marks = replayMarks(consumer);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    boolean replayed = record.offset() < marks.get(new TopicPartition(record.topic(),
                            record.partition()));
                    out().printf("%d/%d  %s  key %s  from %s  %s%n    reason: %s%n", record.partition(),
                            record.offset(), Instant.ofEpochMilli(record.timestamp()), text(record.key()),
                            origin(record), replayed ? "REPLAYED" : "WAITING",
                            CloudEventHeaders.read(record.headers(), MessageHeaders.DEAD_LETTER_REASON).orElse("-"));
                }
                out().printf("%d dead letters in %s%n", records.size(), topic);
            } catch (UnknownTopic unknown) {
                return refused(unknown.getMessage());
            } catch (KafkaException unreachable) {
                return failed(unreachable);
            }
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Sends dead-lettered records back to their original topic (same key, "
            + "value and headers, without the dead-letter headers, plus " + REPLAYED_FROM + "). Consumers drop a "
            + "record whose ce_id they handled, so replaying twice changes nothing; --all also remembers how far it "
            + "got (consumer group " + REPLAY_GROUP + ") and sends nothing twice.")
    static class Replay extends DeadLetterCommand {
        @Option(names = "--offset", description = "the record at this offset (with --partition when several "
                + "partitions have one)")
        Long offset;
        @Option(names = "--partition", description = "with --offset: the dead-letter partition")
        Integer partition;
        @Option(names = "--key", description = "every record with this key (a renewal id)")
        String key;
        @Option(names = "--all", description = "every record not replayed by an earlier --all")
        boolean all;

        @Override
        public Integer call() throws Exception {
            if (!isDeadLetterTopic()) {
                return refused(topic + " is not a dead-letter topic (<topic>.dlt)");
            }
            int selections = (offset != null ? 1 : 0) + (key != null ? 1 : 0) + (all ? 1 : 0);
            if (selections != 1 || (partition != null && offset == null)) {
                return refused("choose the records with exactly one of --offset N [--partition P], --key K, --all");
            }
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(REPLAY_GROUP);
                 KafkaProducer<byte[], byte[]> producer = producer()) {
                List<ConsumerRecord<byte[], byte[]>> records = readAll(consumer);
                Map<TopicPartition, Long> marks = replayMarks(consumer);
                List<ConsumerRecord<byte[], byte[]>> chosen = records.stream().filter(record -> all
                        ? record.offset() >= marks.get(new TopicPartition(record.topic(), record.partition()))
                        : key != null ? key.equals(text(record.key()))
                        : record.offset() == offset && (partition == null || record.partition() == partition))
                        .toList();
                if (offset != null && chosen.size() > 1) {
                    return refused("partitions " + chosen.stream().map(record -> String.valueOf(record.partition()))
                            .toList() + " all have offset " + offset + ": add --partition");
                }
                if (chosen.isEmpty() && !all) {
                    return refused("no record of " + topic + " matches");
                }
                for (ConsumerRecord<byte[], byte[]> record : chosen) {
                    RecordMetadata sent = producer.send(replayOf(record, producer)).get();
                    out().printf("replayed %d/%d (key %s) to %s-%d@%d%n", record.partition(), record.offset(),
                            text(record.key()), sent.topic(), sent.partition(), sent.offset());
                }
                if (all) {
                    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                    consumer.endOffsets(consumer.assignment(), TIMEOUT).forEach((topicPartition, end) ->
                            done.put(topicPartition, new OffsetAndMetadata(Math.max(end,
                                    marks.getOrDefault(topicPartition, 0L)))));
                    consumer.commitSync(done, TIMEOUT);
                }
                out().printf("%d records replayed from %s%n", chosen.size(), topic);
            } catch (UnknownTopic unknown) {
                return refused(unknown.getMessage());
            } catch (KafkaException unreachable) {
                return failed(unreachable);
            } catch (ExecutionException notSent) {
                spec.commandLine().getErr().println("not replayed: " + notSent.getCause().getMessage());
                return 1;
            }
            return 0;
        }

        private KafkaProducer<byte[], byte[]> producer() {
            return new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        }

        /**
         * To the original topic and partition (where it still exists), with the key, value and headers it had before
         * it was dead-lettered, and where it was replayed from.
         */
        private static ProducerRecord<byte[], byte[]> replayOf(ConsumerRecord<byte[], byte[]> record,
                                                               KafkaProducer<byte[], byte[]> producer) {
            String target = originalTopic(record);
            int partitions = producer.partitionsFor(target).size();
            Integer partition = originalPartition(record).filter(number -> number < partitions).orElse(null);
            RecordHeaders headers = new RecordHeaders();
            for (Header header : record.headers()) {
                if (!header.key().startsWith(SPRING_DEAD_LETTER_HEADERS)
                        && !header.key().equals(MessageHeaders.DEAD_LETTER_REASON)
                        && !header.key().equals(REPLAYED_FROM)) {
                    headers.add(header);
                }
            }
            headers.add(REPLAYED_FROM, (record.topic() + "/" + record.partition() + "/" + record.offset())
                    .getBytes(StandardCharsets.UTF_8));
            return new ProducerRecord<>(target, partition, null, record.key(), record.value(), headers);
        }
    }

    static final class UnknownTopic extends RuntimeException {
        UnknownTopic(String message) {
            super(message);
        }
    }

    static String originalTopic(ConsumerRecord<byte[], byte[]> record) {
        return CloudEventHeaders.read(record.headers(), ORIGINAL_TOPIC).orElseGet(() -> record.topic().substring(0,
                record.topic().length() - DEAD_LETTER_SUFFIX.length()));
    }

    static Optional<Integer> originalPartition(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(ORIGINAL_PARTITION);
        return header == null || header.value().length != Integer.BYTES ? Optional.empty()
                : Optional.of(ByteBuffer.wrap(header.value()).getInt());
    }

    private static String origin(ConsumerRecord<byte[], byte[]> record) {
        Header offset = record.headers().lastHeader(ORIGINAL_OFFSET);
        return originalTopic(record) + "-" + originalPartition(record).map(String::valueOf).orElse("?") + "@"
                + (offset == null || offset.value().length != Long.BYTES ? "?"
                : String.valueOf(ByteBuffer.wrap(offset.value()).getLong()));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new UnknownTopic("topic " + topic + " does not exist");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
