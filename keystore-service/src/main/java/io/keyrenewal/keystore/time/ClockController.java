package io.keyrenewal.keystore.time;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Moves the keystore's clock forward; exists only when the clock is movable (never in production). */
@RestController
@ConditionalOnProperty(name = "keyrenewal.clock.movable", havingValue = "true")
class ClockController {

    private static final Logger log = LoggerFactory.getLogger(ClockController.class);

    private final MovableClock clock;

    ClockController(Clock clock) {
        this.clock = (MovableClock) clock;
    }

    record Advance(Duration duration) {
    }

    record Now(Instant now) {
    }

    @PostMapping("/admin/clock/advance")
    Now advance(@RequestBody Advance request) {
        Duration duration = Objects.requireNonNull(request.duration(), "duration is required");
        Instant now = clock.advance(duration);
        log.warn("Clock moved forward by {}; it now reads {}", duration, now);
        return new Now(now);
    }
}
