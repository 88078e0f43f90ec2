package io.keyrenewal.renewal.playbook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Instant;

/**
 * The renewal's own timings: how long it waits for a partner before reminding it (and as long again before alerting
 * the tenant), and how it retries a keystore step that failed.
 *
 * @param partnerStepReminderAfter {@code keyrenewal.renewal.partner-step-reminder-after}, default 3 days
 * @param keystoreRetryAfter       {@code keyrenewal.renewal.keystore-retry-after}, default 1 minute: the first
 *                                 automatic retry of a failed keystore step comes this long after the failure, each
 *                                 next one four times as long after its own failure (1, 4, 16, 64, 256 minutes)
 * @param keystoreRetries          {@code keyrenewal.renewal.keystore-retries}, default 5: automatic retries of a
 *                                 renewal's failed keystore steps before only the tenant retries (0: none)
 */
@ConfigurationProperties("keyrenewal.renewal")
public record RenewalTimings(@DefaultValue("P3D") Duration partnerStepReminderAfter,
                             @DefaultValue("PT1M") Duration keystoreRetryAfter,
                             @DefaultValue("5") int keystoreRetries) {

    /** Each automatic retry waits this many times as long as the one before. */
    static final int KEYSTORE_RETRY_FACTOR = 4;

    @ConstructorBinding
    public RenewalTimings {
        if (partnerStepReminderAfter == null || partnerStepReminderAfter.isZero()
                || partnerStepReminderAfter.isNegative()) {
            throw new IllegalArgumentException("keyrenewal.renewal.partner-step-reminder-after must be positive");
        }
        if (keystoreRetryAfter == null || keystoreRetryAfter.isZero() || keystoreRetryAfter.isNegative()) {
            throw new IllegalArgumentException("keyrenewal.renewal.keystore-retry-after must be positive");
        }
        if (keystoreRetries < 0 || keystoreRetries > 10) {
            throw new IllegalArgumentException("keyrenewal.renewal.keystore-retries must be 0 to 10");
        }
    }

    /** The defaults for the keystore's retries. */
    public RenewalTimings(Duration partnerStepReminderAfter) {
        this(partnerStepReminderAfter, Duration.ofMinutes(1), 5);
    }

    /**
     * The respond-by date of a partner step asked for at {@code askedAt}: its reminder is due then, so passing it is
     * what makes the step overdue.
     */
    public Instant respondBy(Instant askedAt) {
        return askedAt.plus(partnerStepReminderAfter);
    }

    /**
     * When the next automatic retry of a failed keystore step is due, or null when {@code retriesSoFar} used them up.
     */
    Instant nextKeystoreRetry(Instant failedAt, int retriesSoFar) {
        if (retriesSoFar >= keystoreRetries) {
            return null;
        }
        long factor = 1;
        for (int i = 0; i < retriesSoFar; i++) {
            factor *= KEYSTORE_RETRY_FACTOR;
        }
        return failedAt.plus(keystoreRetryAfter.multipliedBy(factor));
    }
}
