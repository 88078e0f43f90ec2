package io.keyrenewal.renewal.dashboard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveStreamTest {

    private final LiveStream stream = new LiveStream(new DashboardProperties(2, 3, 8, 2, Duration.ofSeconds(15),
            Duration.ofMinutes(30), Duration.ofSeconds(3)));

    @AfterEach
    void close() {
        stream.closeAll();
    }

    @Test
    void refusesAClientBeyondTheMaximum() {
        stream.subscribe(null);
        stream.subscribe(null);

        assertThatThrownBy(() -> stream.subscribe(null)).isInstanceOf(LiveStream.StreamFull.class)
                .hasMessageContaining("2 clients at most");
        assertThat(stream.clientCount()).isEqualTo(2);
    }

    @Test
    void keepsTheLatestEventsUpToTheReplayBuffer() {
        assertThat(stream.recent(2).lastEventId()).isNull();
        for (int i = 0; i < 5; i++) {
            stream.publish(new DashboardEvent("e" + i, "RenewalStarted", "r" + i, 0, null, Instant.EPOCH, null, null));
        }

        LiveStream.Recent recent = stream.recent(2);
        assertThat(recent.events()).extracting(DashboardEvent::id).containsExactly("e3", "e4");
        assertThat(recent.lastEventId()).isEqualTo("e4");
        assertThat(stream.recent(10).events()).extracting(DashboardEvent::id).containsExactly("e2", "e3", "e4");
    }

    @Test
    void refusesLimitsThatCannotWork() {
        assertThatThrownBy(() -> new DashboardProperties(10, 5, 8, 2, Duration.ofSeconds(15), Duration.ofMinutes(30),
                Duration.ofSeconds(3))).hasMessageContaining("recent-events must not exceed replay-buffer");
        assertThatThrownBy(() -> new DashboardProperties(2, 5, 0, 2, Duration.ofSeconds(15), Duration.ofMinutes(30),
                Duration.ofSeconds(3))).hasMessageContaining("client-buffer must be positive");
    }
}
