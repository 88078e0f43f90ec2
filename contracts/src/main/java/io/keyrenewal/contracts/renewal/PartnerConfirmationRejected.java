package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * A confirmation for this renewal arrived and was not applied; the renewal is unchanged. Recorded so that operators
 * see what partners (or anyone else) sent and why it was turned away. Fields the confirmation did not carry in a
 * readable form are null.
 *
 * @param rejectionId    where it came from, recorded once however often it is delivered: {@code kafka:<topic>/<partition>/<offset>} or {@code rest:<request id>}
 * @param confirmationId the confirmation's id, if readable
 * @param partnerId      the partner the confirmation claims to come from, if readable (not proof of its sender)
 * @param confirmationType the confirmation type it names, if readable
 * @param reason         why it was not applied
 */
public record PartnerConfirmationRejected(RenewalId renewalId, String rejectionId, String confirmationId,
                                          String partnerId, String confirmationType, String reason,
                                          Instant at)
        implements RenewalEvent {

    public PartnerConfirmationRejected {
        Require.present(renewalId, "renewalId");
        Require.text(rejectionId, "rejectionId");
        Require.text(reason, "reason");
        Require.present(at, "at");
    }
}
