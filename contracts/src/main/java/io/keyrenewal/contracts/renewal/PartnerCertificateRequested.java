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
 */
public record PartnerCertificateRequested(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                                          Playbook playbook, Instant at, Instant respondBy,
                                          ConfirmationType awaitedConfirmation) implements RenewalEvent {

    public PartnerCertificateRequested {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(playbook, "playbook");
        Require.present(at, "at");
        Require.present(awaitedConfirmation, "awaitedConfirmation");
    }
}
