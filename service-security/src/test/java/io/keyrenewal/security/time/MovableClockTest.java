package io.keyrenewal.security.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A process started again after the demo moved the clocks starts where the others stand, and moves on from there. */
class MovableClockTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void startsMovedByTheOffsetAndMovesOnFromThere() {
        MovableClock clock = MovableClock.startingAt(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(91));

        assertThat(clock.instant()).isEqualTo(NOW.plus(Duration.ofDays(91)));
        assertThat(clock.advance(Duration.ofDays(1))).isEqualTo(NOW.plus(Duration.ofDays(92)));
        assertThat(MovableClock.startingAt(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO).instant()).isEqualTo(NOW);
        assertThatThrownBy(() -> MovableClock.startingAt(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
