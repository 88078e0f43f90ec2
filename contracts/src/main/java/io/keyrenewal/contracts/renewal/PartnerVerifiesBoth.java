package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Playbook 1, step 4: the sender verifies payloads signed by the old and by the new key (the user's name for the
 * fact, kept as written).
 */
public record PartnerVerifiesBoth(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant at)
        implements RenewalEvent {

    public PartnerVerifiesBoth {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(at, "at");
    }
}
