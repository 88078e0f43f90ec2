package io.keyrenewal.notification.intake;

import io.keyrenewal.messaging.PermanentFailures;
import io.keyrenewal.notification.renewal.UnknownRenewal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What this service's listeners ({@code renewal.events.v1}, {@code alias.watch.v1}, {@code partner.directory.v1})
 * refuse for good: such a record goes to {@code <topic>.dlt} (same partition) at once with a readable reason in
 * {@code keyrenewal_dlt_reason}, and the consumer carries on. A record that fails for a passing reason (the database
 * not answering) is retried until it succeeds; anything else a few times first (service-messaging).
 */
@Configuration(proxyBeanMethods = false)
class IntakeRefusals {

    @Bean
    PermanentFailures notificationRefusals() {
        return PermanentFailures.of(IllegalArgumentException.class)
                .describedAs(UnknownRenewal.class, UnknownRenewal::getMessage);
    }
}
