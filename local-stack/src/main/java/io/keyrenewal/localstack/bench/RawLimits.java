package io.keyrenewal.localstack.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This machine's raw limits, measured in the same run as the workload: single-row commits per second on the
 * PostgreSQL server the services use, and records per second a producer and a consumer get from the same broker.
 */
final class RawLimits {

    static final int RECORD_BYTES = 500;
    private static final String SCRATCH_DATABASE = "keyrenewal_bench_scratch";

    private RawLimits() {
    }

    /**
     * INSERT one ~500-byte row per transaction into a scratch table (unique (aggregate id, sequence), as an event
     * store has) in a scratch database, on {@code connections} connections at once for {@code time}.
     */
    static double postgresCommitsPerSecond(PostgresServer server, int connections, Duration time)
            throws SQLException, InterruptedException {
        server.recreate(SCRATCH_DATABASE);
        try {
            try (Connection setup = server.connect(SCRATCH_DATABASE); Statement sql = setup.createStatement()) {
                sql.execute("CREATE TABLE scratch_commits (id BIGSERIAL PRIMARY KEY, aggregate_id VARCHAR(64) NOT NULL,"
                        + " seq BIGINT NOT NULL, payload BYTEA NOT NULL, UNIQUE (aggregate_id, seq))");
            }
            AtomicLong commits = new AtomicLong();
            List<Thread> writers = new ArrayList<>();
            List<SQLException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + time.toNanos();
            long started = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                Thread writer = new Thread(() -> {
                    try (Connection connection = server.connect(SCRATCH_DATABASE);
                         PreparedStatement insert = connection.prepareStatement(
                                 "INSERT INTO scratch_commits (aggregate_id, seq, payload) VALUES (?, ?, ?)")) {
                        connection.setAutoCommit(true);
                        String aggregate = UUID.randomUUID().toString();
                        byte[] payload = new byte[RECORD_BYTES];
                        long seq = 0;
                        while (System.nanoTime() < end) {
                            ThreadLocalRandom.current().nextBytes(payload);
                            insert.setString(1, aggregate);
                            insert.setLong(2, seq++);
                            insert.setBytes(3, payload);
                            insert.executeUpdate();
                            commits.incrementAndGet();
                        }
                    } catch (SQLException e) {
                        failures.add(e);
                    }
                }, "bench-pg-writer-" + i);
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return commits.get() / ((System.nanoTime() - started) / 1e9);
        } finally {
            server.drop(SCRATCH_DATABASE);
        }
    }

    /** Produce and consume rates on one broker. */
    record KafkaRates(double producePerSecond, double consumePerSecond, long records) {
    }

    /**
     * One producer (acks=all, otherwise the client's defaults) sends 500-byte records asynchronously to a scratch
     * topic of one partition for {@code time}; the rate counts acknowledged records until the last is acknowledged.
     * Then one consumer reads them all back from the beginning.
     */
    static KafkaRates kafka(String bootstrapServers, Duration time) throws Exception {
        String topic = "bench.scratch." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                AtomicLong acked = new AtomicLong();
                long sent = 0;
                long started = System.nanoTime();
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
                    byte[] value = new byte[RECORD_BYTES];
                    ThreadLocalRandom.current().nextBytes(value);
                    long end = started + time.toNanos();
                    while (System.nanoTime() < end) {
                        producer.send(new ProducerRecord<>(topic, value), (metadata, failure) -> {
                            if (failure == null) {
                                acked.incrementAndGet();
                            }
                        });
                        sent++;
                    }
                    producer.flush();
                }
                double produceRate = acked.get() / ((System.nanoTime() - started) / 1e9);
                double consumeRate = consume(bootstrapServers, topic, acked.get());
                return new KafkaRates(produceRate, consumeRate, Math.min(sent, acked.get()));
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static double consume(String bootstrapServers, String topic, long records) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long read = 0;
            long started = System.nanoTime();
            long giveUp = started + Duration.ofSeconds(60).toNanos();
            while (read < records && System.nanoTime() < giveUp) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read / ((System.nanoTime() - started) / 1e9);
        }
    }
}
