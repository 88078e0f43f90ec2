package io.keyrenewal.renewal.playbook;

import java.time.Duration;
import java.time.Instant;

/**
 * The retention rule of both source pages: an old key pair is kept at least 90 days after it was exchanged, and at
 * least the guaranteed delivery time, so no message encrypted for it or signed with it is still on its way.
 */
public final class RetentionPolicy {

    public static final Duration MINIMUM_RETENTION = Duration.ofDays(90);

    private RetentionPolicy() {
    }

    public static Duration retention(Duration guaranteedDeliveryTime) {
        return guaranteedDeliveryTime.compareTo(MINIMUM_RETENTION) > 0 ? guaranteedDeliveryTime : MINIMUM_RETENTION;
    }

    public static Instant retainUntil(Instant exchangedAt, Duration guaranteedDeliveryTime) {
        return exchangedAt.plus(retention(guaranteedDeliveryTime));
    }
}
