package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.ConfirmationType;

import java.time.Instant;

/**
 * The keystore holds the partner's new certificate under the alias, the one it replaced ({@code previous}, null if
 * none) kept beside it: the partner is told so, with the fingerprint of what was imported, and asked to switch to
 * its new key.
 *
 * @param respondBy           when the partner's step this asks for counts as overdue
 * @param awaitedConfirmation the confirmation of the partner step this asks for, from the playbook
 */
public record PartnerCertificateImported(RenewalId renewalId, String alias, PartnerId partnerId,
                                         PartnerRole recipient, Playbook playbook, CertificateRef imported,
                                         CertificateRef previous, Instant at, Instant respondBy,
                                         ConfirmationType awaitedConfirmation) implements RenewalEvent {

    public PartnerCertificateImported {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(playbook, "playbook");
        Require.present(imported, "imported");
        Require.present(at, "at");
    }
}
