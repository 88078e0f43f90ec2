package io.keyrenewal.renewal.watch;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How the watch reports expiry and retries: the tiers (days before a certificate's not-after, each reported once per
 * certificate; {@code keyrenewal.watch.tiers}, default 60, 30, 14, 7) and how soon a renewal the policy asked for but
 * that could not start is tried again ({@code keyrenewal.watch.retry-after}, default one day).
 */
@ConfigurationProperties("keyrenewal.watch")
public record ExpiryTiers(List<Integer> tiers, Duration retryAfter) {

    public ExpiryTiers {
        tiers = tiers == null || tiers.isEmpty() ? List.of(60, 30, 14, 7)
                : tiers.stream().distinct().sorted((one, other) -> other - one).toList();
        if (tiers.stream().anyMatch(days -> days <= 0)) {
            throw new IllegalArgumentException("keyrenewal.watch.tiers must be positive days, not " + tiers);
        }
        retryAfter = retryAfter == null ? Duration.ofDays(1) : retryAfter;
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("keyrenewal.watch.retry-after must be positive");
        }
    }

    /** The nearest tier {@code now} has reached for a certificate that expires at {@code notAfter}, if any. */
    public Optional<Integer> reached(Instant notAfter, Instant now) {
        return tiers.stream().filter(days -> !now.isBefore(reachedAt(notAfter, days))).reduce((one, other) -> other);
    }

    /** When the first tier nearer than {@code reported} (all tiers if null) is reached after {@code now}. */
    public Optional<Instant> next(Instant notAfter, Integer reported, Instant now) {
        return tiers.stream().filter(days -> reported == null || days < reported)
                .map(days -> reachedAt(notAfter, days)).filter(now::isBefore).min(Instant::compareTo);
    }

    static Instant reachedAt(Instant notAfter, int days) {
        return notAfter.minus(Duration.ofDays(days));
    }
}
