package io.keyrenewal.notification.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How messages are delivered.
 *
 * @param dispatching   whether this instance sends what is queued (off only to inspect the outbox)
 * @param pollInterval  how often the outbox is looked at for due deliveries
 * @param batchSize     how many due deliveries one look takes
 * @param lease         how long a claimed delivery is this instance's alone: longer than a batch's sends take
 *                      (they wait at most the Kafka send timeout or {@code httpTimeout}); if the instance dies
 *                      mid-send, another sends it again after this
 * @param maxAttempts   attempts of one delivery before it is parked
 * @param backoff       the pause before each retry: {@code initial * multiplier^(attempt - 1)}, at most {@code max}
 * @param httpTimeout   how long a webhook may take to answer
 */
@Validated
@ConfigurationProperties("keyrenewal.notification.delivery")
public record DeliveryProperties(boolean dispatching, @NotNull Duration pollInterval, @Positive int batchSize,
                                 @NotNull Duration lease,
                                 @Positive int maxAttempts, @NotNull @Valid Backoff backoff,
                                 @NotNull Duration httpTimeout) {

    public record Backoff(@NotNull Duration initial, @DecimalMin("1.0") double multiplier, @NotNull Duration max) {

        /** The pause after the {@code attempts}-th failed attempt. */
        public Duration after(int attempts) {
            double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
            return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
        }
    }
}
