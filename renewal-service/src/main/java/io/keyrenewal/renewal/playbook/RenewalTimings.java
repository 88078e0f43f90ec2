package io.keyrenewal.renewal.playbook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long the renewal waits for a partner before reminding it, and as long again before alerting the tenant.
 *
 * @param partnerStepReminderAfter {@code keyrenewal.renewal.partner-step-reminder-after}, default 3 days
 */
@ConfigurationProperties("keyrenewal.renewal")
public record RenewalTimings(@DefaultValue("P3D") Duration partnerStepReminderAfter) {

    public RenewalTimings {
        if (partnerStepReminderAfter == null || partnerStepReminderAfter.isZero()
                || partnerStepReminderAfter.isNegative()) {
            throw new IllegalArgumentException("keyrenewal.renewal.partner-step-reminder-after must be positive");
        }
    }
}
