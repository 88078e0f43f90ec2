package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.ConfirmationType;

import java.time.Instant;

/**
 * The partner refused the step it was asked for (a signed {@code PartnerConfirmation} with outcome {@code REFUSED}).
 * The step stays awaited: the partner may still confirm it; the tenant administrator is told and decides (abort and
 * start a new renewal with another certificate, roll back, or agree with the partner). No more reminders go to the
 * partner for it.
 *
 * @param step           the confirmation the partner refuses
 * @param reason         the partner's reason, as it wrote it
 * @param code           the partner's code for it, or null
 * @param confirmationId the partner's id of its refusal, recorded once however often it is delivered
 */
public record PartnerRefusedStep(RenewalId renewalId, PartnerId partnerId, ConfirmationType step, String reason,
                                 String code, String confirmationId, Instant at) implements RenewalEvent {

    public PartnerRefusedStep {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(step, "step");
        Require.text(reason, "reason");
        Require.text(confirmationId, "confirmationId");
        Require.present(at, "at");
    }
}
