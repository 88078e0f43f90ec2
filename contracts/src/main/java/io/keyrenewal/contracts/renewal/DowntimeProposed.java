package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** Playbook 2, step 3: the tenant proposes the downtime window in which no signed messages are sent. */
public record DowntimeProposed(RenewalId renewalId, PartnerId partnerId, Instant windowStart, Instant windowEnd,
                               String proposedBy, Instant at) implements RenewalEvent {

    public DowntimeProposed {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(windowStart, "windowStart");
        Require.present(windowEnd, "windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("windowEnd must be after windowStart");
        }
        Require.text(proposedBy, "proposedBy");
        Require.present(at, "at");
    }
}
