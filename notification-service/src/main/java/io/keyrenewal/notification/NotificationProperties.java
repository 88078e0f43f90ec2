package io.keyrenewal.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the notification service.
 *
 * @param sendTimeout how long a delivery waits for the broker's acknowledgement
 * @param retry       how often a renewal event that failed for a passing reason is tried again before it goes to
 *                    the dead-letter topic
 */
@Validated
@ConfigurationProperties("keyrenewal.notification")
public record NotificationProperties(@NotNull Duration sendTimeout, @NotNull @Valid Retry retry) {

    /**
     * @param interval pause between two attempts
     * @param attempts retries after the first attempt
     */
    public record Retry(@NotNull Duration interval, @PositiveOrZero long attempts) {
    }
}
