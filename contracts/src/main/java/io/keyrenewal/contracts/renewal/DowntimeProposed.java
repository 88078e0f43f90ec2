package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Playbook 2, step 3: the tenant proposes the downtime window in which no signed messages are sent.
 *
 * @param respondBy when the partner's step this asks for counts as overdue (the renewal reminds the partner then);
 *                  null where it asks no partner step now, and in events recorded before respond-by dates existed
 */
public record DowntimeProposed(RenewalId renewalId, PartnerId partnerId, Instant windowStart, Instant windowEnd,
                               String proposedBy, Instant at, Instant respondBy) implements RenewalEvent {

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

    /** Without a respond-by date (as recorded before respond-by dates existed). */
    public DowntimeProposed(RenewalId renewalId, PartnerId partnerId, Instant windowStart, Instant windowEnd,
                            String proposedBy, Instant at) {
        this(renewalId, partnerId, windowStart, windowEnd, proposedBy, at, null);
    }
}
