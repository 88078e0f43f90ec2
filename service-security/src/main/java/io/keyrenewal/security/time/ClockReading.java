package io.keyrenewal.security.time;

import io.keyrenewal.security.apidoc.ApiExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Clock", description = "The service's time; movable only in demos and system tests")
public class ClockReading {

    private final Clock clock;

    public ClockReading(Clock clock) {
        this.clock = clock;
    }

    /** @param movedBy how far the clock was moved forward in all; zero for a clock that cannot move */
    public record Reading(Instant now, boolean movable, Duration movedBy) {
    }

    @Operation(summary = "Read the service's time", description = "Whether the clock is movable and how far it was"
            + " moved in all (PT0S in production).")
    @ApiExample(response = """
            {"now":"2027-02-21T10:00:00Z","movable":true,"movedBy":"P91D"}""")
    @GetMapping("/admin/clock")
    public Reading read() {
        return clock instanceof MovableClock movable ? new Reading(movable.instant(), true, movable.movedBy())
                : new Reading(clock.instant(), false, Duration.ZERO);
    }
}
