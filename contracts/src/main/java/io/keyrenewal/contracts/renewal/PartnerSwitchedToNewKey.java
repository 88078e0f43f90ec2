package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Playbook 3, steps 4-6: the receiver encrypts with the new certificate and removed the old one. The old key pair
 * is retained until {@code retainOldKeyUntil} = switch time + max(90 days, guaranteed delivery time).
 */
public record PartnerSwitchedToNewKey(RenewalId renewalId, PartnerId partnerId, String confirmationId,
                                      Instant retainOldKeyUntil, Instant at) implements RenewalEvent {

    public PartnerSwitchedToNewKey {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(retainOldKeyUntil, "retainOldKeyUntil");
        Require.present(at, "at");
    }
}
