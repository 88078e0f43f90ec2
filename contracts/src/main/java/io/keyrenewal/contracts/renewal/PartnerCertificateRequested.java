package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.ConfirmationType;

import java.time.Instant;

/**
 * A renewal of a partner's certificate asks the partner for the certificate of its new key pair (the first step of
 * the playbooks where the tenant verifies the partner's signatures or encrypts to it).
 *
 * @param alias               the alias under which the keystore keeps the partner's certificates
 * @param respondBy           when the partner's step counts as overdue (the renewal reminds the partner then)
 * @param awaitedConfirmation the confirmation asked for, from the playbook ({@code NEW_CERTIFICATE})
 * @param use                 what the tenant does with the certificate, from the playbook; null (requests recorded
 *                            before the field existed) reads as {@link PartnerCertificateUse#VERIFY_SIGNATURES}
 */
public record PartnerCertificateRequested(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                                          Playbook playbook, Instant at, Instant respondBy,
                                          ConfirmationType awaitedConfirmation, PartnerCertificateUse use)
        implements RenewalEvent {

    /** A request recorded before the use was carried: the tenant verified the partner's signatures. */
    public PartnerCertificateRequested(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                                       Playbook playbook, Instant at, Instant respondBy,
                                       ConfirmationType awaitedConfirmation) {
        this(renewalId, alias, partnerId, recipient, playbook, at, respondBy, awaitedConfirmation, null);
    }

    public PartnerCertificateRequested {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(playbook, "playbook");
        Require.present(at, "at");
        Require.present(awaitedConfirmation, "awaitedConfirmation");
        use = PartnerCertificateUse.orBefore(use);
    }
}
