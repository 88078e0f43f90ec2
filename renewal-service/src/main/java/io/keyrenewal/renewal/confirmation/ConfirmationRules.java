package io.keyrenewal.renewal.confirmation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The limits a partner confirmation must keep, on the topic and over REST.
 *
 * @param maxClockSkew {@code keyrenewal.confirmations.max-clock-skew}: how far the confirmation's own time may be
 *                     from its arrival (default 5 minutes); a retry of an applied confirmation is exempt
 * @param maxSize      {@code keyrenewal.confirmations.max-size}: larger bodies are refused unread (default 16KB; a
 *                     confirmation has about 200 bytes)
 */
@ConfigurationProperties("keyrenewal.confirmations")
public record ConfirmationRules(@DefaultValue("PT5M") Duration maxClockSkew, @DefaultValue("16KB") DataSize maxSize) {

    public ConfirmationRules {
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("keyrenewal.confirmations.max-clock-skew must not be negative");
        }
        if (maxSize.toBytes() <= 0) {
            throw new IllegalArgumentException("keyrenewal.confirmations.max-size must be positive");
        }
    }
}
