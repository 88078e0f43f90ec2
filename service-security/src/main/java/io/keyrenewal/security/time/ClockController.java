package io.keyrenewal.security.time;

import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves the service's clock forward; exists only when the clock is movable (never in production). The service's own
 * reaction to a move (renewal-service runs the deadlines that fell due) listens for {@link ClockMoved}; its API
 * description says so in {@code keyrenewal.clock.api.*}, as it names its own answer to an invalid body.
 */
@RestController
@ConditionalOnProperty(name = "keyrenewal.clock.movable", havingValue = "true")
@Tag(name = "Clock", description = "The service's time; movable only in demos and system tests")
public class ClockController {

    private static final Logger log = LoggerFactory.getLogger(ClockController.class);

    private final MovableClock clock;
    private final ApplicationEventPublisher events;

    public ClockController(Clock clock, ApplicationEventPublisher events) {
        this.clock = (MovableClock) clock;
        this.events = events;
    }

    public record Advance(@NotNull Duration duration) {
    }

    public record Now(Instant now) {
    }

    @Operation(summary = "Move the clock forward", description = "${keyrenewal.clock.api.advance-description:"
            + "Exists only with KEYRENEWAL_CLOCK_MOVABLE=true.}")
    @ApiExample(request = """
            {"duration":"P91D"}""", response = """
            {"now":"2027-02-21T10:00:00Z"}""")
    @Refusal(status = 400, title = "${keyrenewal.clock.api.invalid-request-title:Bad Request}",
            detail = "${keyrenewal.clock.api.invalid-request-detail:Invalid request content.}")
    @PostMapping("/admin/clock/advance")
    public Now advance(@Valid @RequestBody Advance request) {
        Duration duration = request.duration();
        Instant now = clock.advance(duration);
        log.warn("Clock moved forward by {}; it now reads {}", duration, now);
        events.publishEvent(new ClockMoved(duration, now));
        return new Now(now);
    }
}
