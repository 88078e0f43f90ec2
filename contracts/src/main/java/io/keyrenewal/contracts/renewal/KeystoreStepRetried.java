package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The tenant asks the keystore to carry out again the step it failed ({@code operation}, as its
 * {@code KeystoreOperationFailed} named it: {@code GENERATE}, {@code EXCHANGE}, {@code ROLLBACK}, {@code DISCARD},
 * {@code REMOVE}). The keystore repeats the step as it was decided and reports as for the decision itself.
 */
public record KeystoreStepRetried(RenewalId renewalId, String alias, String operation, String by, Instant at)
        implements RenewalEvent {

    public KeystoreStepRetried {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.text(operation, "operation");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
