package io.keyrenewal.contracts.policy;

import java.time.Duration;

/**
 * A time within which a renewal of the policy may start: from each time {@code cron} fires (Spring's
 * {@code CronExpression}, six fields: second, minute, hour, day of month, month, day of week) in {@code timeZone}, for
 * {@code duration}. {@code 0 0 22 * * SAT}, {@code PT6H}, {@code Europe/Zurich}: Saturdays from 22:00 to 04:00
 * Zurich time. renewal-service checks each field ({@code PolicyRules}); the record takes them as given.
 *
 * @param duration ISO-8601, more than zero and at most 31 days
 * @param timeZone an IANA time zone id, e.g. {@code Europe/Zurich} or {@code UTC}
 */
public record RenewalWindow(String cron, Duration duration, String timeZone) {
}
