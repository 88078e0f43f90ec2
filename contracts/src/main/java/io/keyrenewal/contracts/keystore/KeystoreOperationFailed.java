package io.keyrenewal.contracts.keystore;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The keystore could not carry out {@code operation} (e.g. {@code GENERATE}, {@code REMOVE}); {@code reason} says why. */
public record KeystoreOperationFailed(String reportId, RenewalId renewalId, String causationId, String operation,
                                      String reason, Instant at) implements KeystoreReport {

    public KeystoreOperationFailed {
        Require.text(reportId, "reportId");
        Require.present(renewalId, "renewalId");
        Require.text(causationId, "causationId");
        Require.text(operation, "operation");
        Require.text(reason, "reason");
        Require.present(at, "at");
    }
}
