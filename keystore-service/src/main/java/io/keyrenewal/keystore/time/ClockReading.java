package io.keyrenewal.keystore.time;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /admin/clock}: the service's time, and whether and how far it was moved (the demo and the system tests
 * move it; in production it is the system clock). Read-only, present always.
 */
@RestController
public class ClockReading {

    private final Clock clock;

    public ClockReading(Clock clock) {
        this.clock = clock;
    }

    /** @param movedBy how far the clock was moved forward in all; zero for a clock that cannot move */
    public record Reading(Instant now, boolean movable, Duration movedBy) {
    }

    @GetMapping("/admin/clock")
    public Reading read() {
        return clock instanceof MovableClock movable ? new Reading(movable.instant(), true, movable.movedBy())
                : new Reading(clock.instant(), false, Duration.ZERO);
    }
}
