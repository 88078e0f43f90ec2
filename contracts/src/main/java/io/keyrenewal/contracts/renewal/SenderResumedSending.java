package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Duration;
import java.time.Instant;

/**
 * Playbook 2, step 10: the sender sends again. {@code actualDowntime} = stop to resume, reported beside the agreed
 * window.
 */
public record SenderResumedSending(RenewalId renewalId, PartnerId partnerId, String confirmationId,
                                   Duration actualDowntime, Instant agreedWindowStart, Instant agreedWindowEnd,
                                   Instant at) implements RenewalEvent {

    public SenderResumedSending {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(actualDowntime, "actualDowntime");
        Require.present(agreedWindowStart, "agreedWindowStart");
        Require.present(agreedWindowEnd, "agreedWindowEnd");
        Require.present(at, "at");
    }
}
