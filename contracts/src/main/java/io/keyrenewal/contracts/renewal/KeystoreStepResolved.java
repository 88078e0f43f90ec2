package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The tenant settles a keystore step that failed without the keystore: today only the removal of the old key pair
 * ({@code operation} {@code REMOVE}), which then counts as done and lets the renewal complete while the keystore keeps
 * the old key pair ({@code kept}, archived) as it is. {@code reason} says why, for the history.
 */
public record KeystoreStepResolved(RenewalId renewalId, String alias, String operation, CertificateRef kept,
                                   String reason, String by, Instant at) implements RenewalEvent {

    public KeystoreStepResolved {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.text(operation, "operation");
        Require.text(reason, "reason");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
