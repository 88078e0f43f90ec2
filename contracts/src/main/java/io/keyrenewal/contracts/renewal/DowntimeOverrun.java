package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** Playbook 2: the agreed downtime window ended and the sender has not resumed sending; the tenant is alerted. */
public record DowntimeOverrun(RenewalId renewalId, PartnerId partnerId, Instant windowEnd, Instant at)
        implements RenewalEvent {

    public DowntimeOverrun {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(windowEnd, "windowEnd");
        Require.present(at, "at");
    }
}
