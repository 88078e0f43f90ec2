package io.keyrenewal.notification;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the notification service. (How a renewal event that failed is retried is service-messaging's, the
 * same for every service: {@code keyrenewal.messaging.*}.)
 *
 * @param sendTimeout how long a delivery waits for the broker's acknowledgement
 */
@Validated
@ConfigurationProperties("keyrenewal.notification")
public record NotificationProperties(@NotNull Duration sendTimeout) {
}
