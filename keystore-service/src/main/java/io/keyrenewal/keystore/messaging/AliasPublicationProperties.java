package io.keyrenewal.keystore.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the {@link AliasCertificatePublisher} works through the queue of changed aliases.
 *
 * @param interval  the pause between two rounds (a committed change also starts one at once)
 * @param batchSize the most aliases one round reads and sends before it waits for Kafka's acknowledgements
 */
@ConfigurationProperties("keyrenewal.keystore.alias-publication")
public record AliasPublicationProperties(@DefaultValue("500ms") Duration interval, @DefaultValue("100") int batchSize) {

    public AliasPublicationProperties {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("keyrenewal.keystore.alias-publication.interval must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("keyrenewal.keystore.alias-publication.batch-size must be at least 1,"
                    + " not " + batchSize);
        }
    }
}
