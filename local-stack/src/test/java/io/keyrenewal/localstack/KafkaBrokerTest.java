package io.keyrenewal.localstack;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class KafkaBrokerTest {

    private static final String TOPIC = "local-stack.broker-test.v1";

    @TempDir
    Path dataDir;

    @Test
    void keepsItsRecordsWhenStartedAgainOnTheSameDataFolderWithoutFormattingItAgain() throws IOException {
        List<Integer> ports = Ports.free(2);
        KafkaBroker.Settings settings = new KafkaBroker.Settings(dataDir, ports.get(0), ports.get(1),
                KafkaBroker.libDirBesideThisCode(), Duration.ofSeconds(60));
        String clusterId;
        try (KafkaBroker broker = KafkaBroker.start(settings)) {
            assertThat(broker.formattedNow()).isTrue();
            TestRecords.publish(broker.bootstrapServers(), TOPIC, "renewal-1", "kept across restarts", java.util.Map.of());
            assertThat(readAll(broker.bootstrapServers())).containsExactly("renewal-1=\"kept across restarts\"");
            clusterId = clusterId();
        }
        assertThat(Ports.isTaken(ports.get(0))).as("the broker port is free once the broker is stopped").isFalse();

        try (KafkaBroker broker = KafkaBroker.start(settings)) {
            assertThat(broker.formattedNow()).isFalse();
            assertThat(clusterId()).isEqualTo(clusterId);
            assertThat(readAll(broker.bootstrapServers())).containsExactly("renewal-1=\"kept across restarts\"");
            assertThat(broker.logFile()).isEqualTo(dataDir.resolve("logs").resolve("kafka.log"));
            assertThat(Files.readString(broker.logFile())).contains("Kafka Server started");
        }
    }

    @Test
    void refusesToStartWithoutTheBrokerJarsAndSaysHowToBuildThem(@TempDir Path emptyLibDir) {
        List<Integer> ports = Ports.free(2);
        KafkaBroker.Settings settings = new KafkaBroker.Settings(dataDir, ports.get(0), ports.get(1), emptyLibDir,
                Duration.ofSeconds(60));

        assertThatThrownBy(() -> KafkaBroker.start(settings))
                .isInstanceOf(LocalStackFailure.class)
                .hasMessageContaining(emptyLibDir.toString())
                .hasMessageContaining("./mvnw -B -q -DskipTests package");
    }

    private List<String> readAll(String bootstrapServers) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaClients.viewer(bootstrapServers, "broker-test")) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + "=" + record.value());
                }
                return !records.isEmpty();
            });
        }
        return records;
    }

    private String clusterId() throws IOException {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve("kafka").resolve("data").resolve("meta.properties"))) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id");
    }
}
