package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.ConfirmationType;

import java.time.Instant;

/**
 * Playbooks 1 and 2, step 6/9: the partner is told that the key pair has been exchanged (only after the keystore
 * applied it).
 *
 * @param respondBy           when the partner's step this asks for counts as overdue (the renewal reminds the partner
 *                            then); null where it asks no partner step now, and in events recorded before respond-by
 *                            dates existed
 * @param awaitedConfirmation the confirmation of the partner step this asks for, from the renewal's playbook; null
 *                            where it asks none. Absent in events recorded before it existed: read as what their
 *                            playbook asked
 */
public record PartnerInformedOfExchange(RenewalId renewalId, PartnerId partnerId, PartnerRole recipient,
                                        Playbook playbook, CertificateRef newCertificate, Instant at,
                                        Instant respondBy, ConfirmationType awaitedConfirmation)
        implements RenewalEvent {

    public PartnerInformedOfExchange {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(playbook, "playbook");
        Require.present(newCertificate, "newCertificate");
        Require.present(at, "at");
        if (awaitedConfirmation == null) {
            awaitedConfirmation = switch (playbook) {
                case TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH -> ConfirmationType.OLD_CERTIFICATE_REMOVED;
                case TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME -> ConfirmationType.SENDING_RESUMED;
                default -> null;
            };
        }
    }

    /** As recorded before the awaited confirmation was carried: their playbook's. */
    public PartnerInformedOfExchange(RenewalId renewalId, PartnerId partnerId, PartnerRole recipient,
                                     Playbook playbook, CertificateRef newCertificate, Instant at,
                                     Instant respondBy) {
        this(renewalId, partnerId, recipient, playbook, newCertificate, at, respondBy, null);
    }

    /** Without a respond-by date (as recorded before respond-by dates existed). */
    public PartnerInformedOfExchange(RenewalId renewalId, PartnerId partnerId, PartnerRole recipient,
                                     Playbook playbook, CertificateRef newCertificate, Instant at) {
        this(renewalId, partnerId, recipient, playbook, newCertificate, at, null, null);
    }
}
