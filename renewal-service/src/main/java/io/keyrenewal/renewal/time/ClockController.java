package io.keyrenewal.renewal.time;

import com.github.kagkarlsson.scheduler.Scheduler;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Moves the service's clock forward; exists only when the clock is movable (never in production). */
@RestController
@ConditionalOnProperty(name = "keyrenewal.clock.movable", havingValue = "true")
public class ClockController {

    private static final Logger log = LoggerFactory.getLogger(ClockController.class);

    private final MovableClock clock;
    private final Scheduler scheduler;

    public ClockController(Clock clock, Scheduler scheduler) {
        this.clock = (MovableClock) clock;
        this.scheduler = scheduler;
    }

    public record Advance(@NotNull Duration duration) {
    }

    public record Now(Instant now) {
    }

    @PostMapping("/admin/clock/advance")
    public Now advance(@Valid @RequestBody Advance request) {
        Instant now = clock.advance(request.duration());
        log.warn("Clock moved forward by {}; it now reads {}", request.duration(), now);
        scheduler.triggerCheckForDueExecutions();
        return new Now(now);
    }
}
