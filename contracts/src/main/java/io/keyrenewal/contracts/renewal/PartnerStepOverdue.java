package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** A partner step is overdue: a reminder goes to the partner. {@code expected} names the confirmation awaited. */
public record PartnerStepOverdue(RenewalId renewalId, PartnerId partnerId, PartnerRole recipient,
                                 io.keyrenewal.contracts.partner.ConfirmationType expected, Instant waitingSince,
                                 Instant at) implements RenewalEvent {

    public PartnerStepOverdue {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(expected, "expected");
        Require.present(waitingSince, "waitingSince");
        Require.present(at, "at");
    }
}
