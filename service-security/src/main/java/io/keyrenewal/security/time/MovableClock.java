package io.keyrenewal.security.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that runs with the system clock but can be moved forward, for demos and tests of 90-day deadlines. */
public final class MovableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public MovableClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private MovableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /**
     * A clock already moved by {@code offset} ({@code keyrenewal.clock.start-offset}): a process the demo or the
     * benchmark starts again after it moved the clocks starts where the others stand.
     */
    static MovableClock startingAt(Clock base, Duration offset) {
        MovableClock clock = new MovableClock(base);
        clock.advance(offset);
        return clock;
    }

    /** Moves the clock forward by {@code duration} and answers the new time. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset.accumulateAndGet(duration, Duration::plus);
        return instant();
    }

    /** How far it was moved in all. */
    public Duration movedBy() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MovableClock(base.withZone(zone), offset);
    }
}
