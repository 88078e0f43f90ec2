package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** A partner step stayed overdue for a second period: the tenant administrator is alerted. */
public record PartnerStepEscalated(RenewalId renewalId, PartnerId partnerId,
                                   io.keyrenewal.contracts.partner.ConfirmationType expected, Instant waitingSince,
                                   Instant at) implements RenewalEvent {

    public PartnerStepEscalated {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(expected, "expected");
        Require.present(waitingSince, "waitingSince");
        Require.present(at, "at");
    }
}
