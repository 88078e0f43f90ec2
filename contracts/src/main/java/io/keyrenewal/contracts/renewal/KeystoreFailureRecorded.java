package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The keystore could not carry out {@code operation}; the renewal waits where it is, the reason is kept. */
public record KeystoreFailureRecorded(RenewalId renewalId, String operation, String reason, Instant at)
        implements RenewalEvent {

    public KeystoreFailureRecorded {
        Require.present(renewalId, "renewalId");
        Require.text(operation, "operation");
        Require.text(reason, "reason");
        Require.present(at, "at");
    }
}
