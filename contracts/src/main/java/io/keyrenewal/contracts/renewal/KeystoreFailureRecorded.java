package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The keystore could not carry out {@code operation}; the renewal waits where it is, the reason is kept.
 *
 * @param reportId         the keystore's report, recorded once however often it is delivered
 * @param automaticRetries how often the renewal had retried its failed keystore steps by itself before this failure
 *                         (0: the first failure since a keystore step last succeeded)
 * @param nextRetryAt      when the renewal retries the step by itself, or null when it no longer does (its automatic
 *                         retries are used up, or none is possible): then only the tenant's retry, abort or
 *                         resolution moves it on. Both absent in events recorded before automatic retries existed.
 */
public record KeystoreFailureRecorded(RenewalId renewalId, String reportId, String operation, String reason,
                                      Instant at, int automaticRetries, Instant nextRetryAt)
        implements RenewalEvent {

    public KeystoreFailureRecorded {
        Require.present(renewalId, "renewalId");
        Require.text(reportId, "reportId");
        Require.text(operation, "operation");
        Require.text(reason, "reason");
        Require.present(at, "at");
        if (automaticRetries < 0) {
            throw new IllegalArgumentException("automaticRetries must not be negative");
        }
    }

    /** A failure the renewal does not retry by itself (as recorded before automatic retries existed). */
    public KeystoreFailureRecorded(RenewalId renewalId, String reportId, String operation, String reason,
                                   Instant at) {
        this(renewalId, reportId, operation, reason, at, 0, null);
    }
}
