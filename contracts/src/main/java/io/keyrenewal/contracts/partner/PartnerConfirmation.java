package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * A partner's confirmation of its step, published by the partner system on {@code renewal.partner-confirmations.v1}
 * with the renewal id as record key. {@code confirmationId} is the partner's own id for it: a retry with the same
 * id is applied at most once.
 *
 * <pre>{"confirmationId":"c-1","renewalId":"...","partnerId":"acme","type":"SWITCHED_TO_NEW_KEY",
 *  "confirmedAt":"2026-11-22T10:00:00Z"}</pre>
 */
public record PartnerConfirmation(String confirmationId, RenewalId renewalId, PartnerId partnerId,
                                  ConfirmationType type, Instant confirmedAt) {

    public PartnerConfirmation {
        Require.text(confirmationId, "confirmationId");
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(type, "type");
        Require.present(confirmedAt, "confirmedAt");
    }
}
