package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Playbook 1, step 7: the sender removed the old certificate; from now on it verifies only the new key, and a
 * rollback is no longer possible.
 */
public record PartnerRemovedOldCertificate(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant at)
        implements RenewalEvent {

    public PartnerRemovedOldCertificate {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(at, "at");
    }
}
