package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** Playbook 2, steps 5-6: the sender exchanged the old certificate with the new one. */
public record SenderExchangedCertificate(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant at)
        implements RenewalEvent {

    public SenderExchangedCertificate {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(at, "at");
    }
}
