package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** Playbook 2, step 7: the tenant ensured that no message signed with the old key is still in the system. */
public record DrainConfirmed(RenewalId renewalId, String confirmedBy, Instant at) implements RenewalEvent {

    public DrainConfirmed {
        Require.present(renewalId, "renewalId");
        Require.text(confirmedBy, "confirmedBy");
        Require.present(at, "at");
    }
}
