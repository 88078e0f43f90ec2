package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** Playbook 2, step 3: the sender accepted the proposed downtime window. */
public record DowntimeAgreed(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant windowStart,
                             Instant windowEnd, Instant at) implements RenewalEvent {

    public DowntimeAgreed {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(windowStart, "windowStart");
        Require.present(windowEnd, "windowEnd");
        Require.present(at, "at");
    }
}
