package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** Every step of the playbook is done; the alias is free for its next renewal. */
public record RenewalCompleted(RenewalId renewalId, String alias, PartnerId partnerId, Instant at)
        implements RenewalEvent {

    public RenewalCompleted {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(at, "at");
    }
}
