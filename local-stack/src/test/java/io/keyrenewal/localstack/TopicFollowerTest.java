package io.keyrenewal.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A follower's group commits nothing; when the broker restarts and the group forms again, it goes on where it was
 * instead of reading its partitions from the beginning (the benchmark once counted 706 partner messages "received
 * twice" that way).
 */
class TopicFollowerTest {

    private static final String TOPIC = "local-stack.follower-test.v1";

    @TempDir
    Path dataDir;

    @Test
    void handsEachRecordOnceAcrossABrokerRestart() {
        List<Integer> ports = Ports.free(2);
        KafkaBroker.Settings settings = new KafkaBroker.Settings(dataDir, ports.get(0), ports.get(1),
                KafkaBroker.libDirBesideThisCode(), Duration.ofSeconds(60));
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        KafkaBroker broker = KafkaBroker.start(settings);
        TopicFollower follower = null;
        try {
            TestRecords.publish(broker.bootstrapServers(), TOPIC, "renewal-1", "before the restart", Map.of());
            follower = TopicFollower.start(broker.bootstrapServers(), TOPIC, "follower-test", "follower-test",
                    (record, receivedNanos) -> handled.add(record.value()), failure -> { });
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 1);

            broker.close();
            broker = KafkaBroker.start(settings);
            TestRecords.publish(broker.bootstrapServers(), TOPIC, "renewal-1", "after the restart", Map.of());

            await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("\"after the restart\""));
            assertThat(handled).containsExactly("\"before the restart\"", "\"after the restart\"");
            assertThat(follower.failure()).isNull();
        } finally {
            if (follower != null) {
                follower.close();
            }
            broker.close();
        }
    }
}
