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
 * @param awaitedConfirmation the confirmation of the partner step this asks for, from the playbook; null where it
 *                            asks none (the tenant acts next)
 * @param use                 what the tenant does with the certificate; null (recorded before the field existed)
 *                            reads as {@link PartnerCertificateUse#VERIFY_SIGNATURES}
 * @param retainPreviousUntil where the playbook starts the retention at the import (the tenant no longer uses the
 *                            previous certificate): until when it is kept; null where it starts later
 */
public record PartnerCertificateImported(RenewalId renewalId, String alias, PartnerId partnerId,
                                         PartnerRole recipient, Playbook playbook, CertificateRef imported,
                                         CertificateRef previous, Instant at, Instant respondBy,
                                         ConfirmationType awaitedConfirmation, PartnerCertificateUse use,
                                         Instant retainPreviousUntil) implements RenewalEvent {

    /** Recorded before the use was carried: the tenant verified the partner's signatures, retained from the switch. */
    public PartnerCertificateImported(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                                      Playbook playbook, CertificateRef imported, CertificateRef previous, Instant at,
                                      Instant respondBy, ConfirmationType awaitedConfirmation) {
        this(renewalId, alias, partnerId, recipient, playbook, imported, previous, at, respondBy, awaitedConfirmation,
                null, null);
    }

    public PartnerCertificateImported {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(playbook, "playbook");
        Require.present(imported, "imported");
        Require.present(at, "at");
        use = PartnerCertificateUse.orBefore(use);
    }
}
