package io.keyrenewal.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the consumers retry ({@code keyrenewal.messaging.*}).
 *
 * @param transientRetry       a passing failure: exponential backoff, for as long as it lasts
 * @param unknownRetry         an unexpected failure: a few retries, then the dead-letter topic
 * @param retryLogInterval     while a record keeps failing for a passing reason, one WARN line per partition at
 *                             most this often (and on its first failure)
 * @param deadLetterPartitions partitions of a dead-letter topic whose original topic cannot be described
 * @param databaseCheckTimeout how long a failure of unknown kind waits to learn whether the database answers
 */
@ConfigurationProperties("keyrenewal.messaging")
public record MessagingSettings(@DefaultValue TransientRetry transientRetry, @DefaultValue UnknownRetry unknownRetry,
                                @DefaultValue("1m") Duration retryLogInterval,
                                @DefaultValue("3") int deadLetterPartitions,
                                @DefaultValue("5s") Duration databaseCheckTimeout) {

    /**
     * @param initialInterval the first pause
     * @param maxInterval     the pause doubles up to this
     */
    public record TransientRetry(@DefaultValue("1s") Duration initialInterval,
                                 @DefaultValue("30s") Duration maxInterval) {
    }

    /**
     * @param initialInterval the first pause; each next one is 1.5 times longer
     * @param attempts        retries after the first delivery
     */
    public record UnknownRetry(@DefaultValue("1s") Duration initialInterval, @DefaultValue("3") int attempts) {
    }
}
