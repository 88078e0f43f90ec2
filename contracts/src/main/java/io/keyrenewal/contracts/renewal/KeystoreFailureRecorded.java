package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The keystore could not carry out {@code operation}; the renewal waits where it is, the reason is kept.
 *
 * @param reportId the keystore's report, recorded once however often it is delivered
 */
public record KeystoreFailureRecorded(RenewalId renewalId, String reportId, String operation, String reason,
                                      Instant at) implements RenewalEvent {

    public KeystoreFailureRecorded {
        Require.present(renewalId, "renewalId");
        Require.text(reportId, "reportId");
        Require.text(operation, "operation");
        Require.text(reason, "reason");
        Require.present(at, "at");
    }
}
