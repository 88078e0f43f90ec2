package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.ConfirmationType;

import java.time.Instant;

/**
 * The sender stopped sending (not before the agreed window starts; playbooks 2 and 9).
 *
 * @param awaitedConfirmation the partner step this asks for next, from the playbook; null where the tenant acts
 *                            first, and in events recorded before the field existed (playbook 2, which asked for
 *                            {@code CERTIFICATE_EXCHANGED})
 */
public record SenderStoppedSending(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant at,
                                   ConfirmationType awaitedConfirmation) implements RenewalEvent {

    /** As recorded before the awaited confirmation was carried. */
    public SenderStoppedSending(RenewalId renewalId, PartnerId partnerId, String confirmationId, Instant at) {
        this(renewalId, partnerId, confirmationId, at, null);
    }

    public SenderStoppedSending {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(at, "at");
    }
}
