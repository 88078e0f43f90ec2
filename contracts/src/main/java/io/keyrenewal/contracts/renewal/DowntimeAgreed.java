package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Playbook 2, step 3: the sender accepted the proposed downtime window.
 *
 * @param respondBy when the partner's step this asks for counts as overdue (the renewal reminds the partner then);
 *                  null where it asks no partner step now, and in events recorded before respond-by dates existed
 */
public record DowntimeAgreed(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant windowStart,
                             Instant windowEnd, Instant at, Instant respondBy) implements RenewalEvent {

    public DowntimeAgreed {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(windowStart, "windowStart");
        Require.present(windowEnd, "windowEnd");
        Require.present(at, "at");
    }

    /** Without a respond-by date (as recorded before respond-by dates existed). */
    public DowntimeAgreed(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant windowStart,
                          Instant windowEnd, Instant at) {
        this(renewalId, partnerId, confirmationId, windowStart, windowEnd, at, null);
    }
}
