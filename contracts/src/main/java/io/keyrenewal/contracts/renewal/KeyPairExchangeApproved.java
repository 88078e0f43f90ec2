package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The tenant administrator approves the exchange (renewals that run with approval, the default). */
public record KeyPairExchangeApproved(RenewalId renewalId, String approvedBy, Instant at) implements RenewalEvent {

    public KeyPairExchangeApproved {
        Require.present(renewalId, "renewalId");
        Require.text(approvedBy, "approvedBy");
        Require.present(at, "at");
    }
}
