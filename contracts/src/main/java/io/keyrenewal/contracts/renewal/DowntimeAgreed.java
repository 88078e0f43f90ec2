package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.ConfirmationType;

import java.time.Instant;

/**
 * The partner accepted the proposed downtime window (playbooks 2, 9, 11, 12).
 *
 * @param respondBy           when the partner's step this asks for counts as overdue (the renewal reminds the partner
 *                            then); null where it asks no partner step now, and in events recorded before respond-by
 *                            dates existed
 * @param awaitedConfirmation the partner step this asks for (the sender stops sending), from the playbook; null where
 *                            the partner has nothing to do until the tenant tells it (the tenant stops sending). An
 *                            event recorded before the field existed (playbook 2) asked for {@code SENDING_STOPPED}
 *                            where it has a respond-by date
 */
public record DowntimeAgreed(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant windowStart,
                             Instant windowEnd, Instant at, Instant respondBy, ConfirmationType awaitedConfirmation)
        implements RenewalEvent {

    public DowntimeAgreed {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(windowStart, "windowStart");
        Require.present(windowEnd, "windowEnd");
        Require.present(at, "at");
        if (awaitedConfirmation == null && respondBy != null) {
            awaitedConfirmation = ConfirmationType.SENDING_STOPPED; // recorded before the field existed
        }
    }

    /** As recorded before the awaited confirmation was carried (playbook 2). */
    public DowntimeAgreed(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant windowStart,
                          Instant windowEnd, Instant at, Instant respondBy) {
        this(renewalId, partnerId, confirmationId, windowStart, windowEnd, at, respondBy, null);
    }

    /** Without a respond-by date (as recorded before respond-by dates existed). */
    public DowntimeAgreed(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant windowStart,
                          Instant windowEnd, Instant at) {
        this(renewalId, partnerId, confirmationId, windowStart, windowEnd, at, null, null);
    }
}
