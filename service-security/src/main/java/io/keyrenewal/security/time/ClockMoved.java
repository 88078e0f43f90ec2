package io.keyrenewal.security.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Published (a Spring application event, on the caller's thread, before the answer) when {@link ClockController}
 * moved the clock: by how much, and what it reads now.
 */
public record ClockMoved(Duration by, Instant now) {
}
