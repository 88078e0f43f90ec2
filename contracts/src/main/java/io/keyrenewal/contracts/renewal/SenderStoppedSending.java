package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** Playbook 2, step 4: the sender stopped sending signed messages (not before the window starts). */
public record SenderStoppedSending(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant at)
        implements RenewalEvent {

    public SenderStoppedSending {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(at, "at");
    }
}
