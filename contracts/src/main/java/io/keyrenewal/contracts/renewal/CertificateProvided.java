package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.ConfirmationType;

import java.time.Instant;

/**
 * The new certificate is provided to the partner's administrator ({@code recipient}); in playbook 3 the receiver is
 * told it may now encrypt with it. The notification service delivers it.
 *
 * @param respondBy           when the partner's step this asks for counts as overdue (the renewal reminds the partner
 *                            then); null where it asks no partner step now, and in events recorded before respond-by
 *                            dates existed
 * @param awaitedConfirmation the confirmation of the partner step this asks for, from the renewal's playbook; null
 *                            where it asks none now. Absent in events recorded before it existed: read as what their
 *                            playbook asked
 * @param certificateUse      what the partner is to do with the certificate, from the renewal's playbook (its
 *                            message says it). Absent in events recorded before it existed: read as their playbook
 *                            asked
 */
public record CertificateProvided(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                                  Playbook playbook, CertificateInfo certificate, Instant at, Instant respondBy,
                                  ConfirmationType awaitedConfirmation, CertificateUse certificateUse)
        implements RenewalEvent {

    public CertificateProvided {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(playbook, "playbook");
        Require.present(certificate, "certificate");
        Require.present(at, "at");
        if (awaitedConfirmation == null) {
            awaitedConfirmation = switch (playbook) {
                case TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH -> ConfirmationType.VERIFIES_BOTH;
                case TENANT_DECRYPTS_OUTBOUND_RESPONSE -> ConfirmationType.SWITCHED_TO_NEW_KEY;
                default -> null;
            };
        }
        certificateUse = certificateUse == null ? CertificateUse.before(playbook) : certificateUse;
    }

    /** As recorded before the certificate's use was carried: their playbook's. */
    public CertificateProvided(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                               Playbook playbook, CertificateInfo certificate, Instant at, Instant respondBy,
                               ConfirmationType awaitedConfirmation) {
        this(renewalId, alias, partnerId, recipient, playbook, certificate, at, respondBy, awaitedConfirmation, null);
    }

    /** As recorded before the awaited confirmation was carried: their playbook's. */
    public CertificateProvided(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                               Playbook playbook, CertificateInfo certificate, Instant at, Instant respondBy) {
        this(renewalId, alias, partnerId, recipient, playbook, certificate, at, respondBy, null, null);
    }

    /** Without a respond-by date (playbook 2 asks the sender nothing yet; events recorded before). */
    public CertificateProvided(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                               Playbook playbook, CertificateInfo certificate, Instant at) {
        this(renewalId, alias, partnerId, recipient, playbook, certificate, at, null, null, null);
    }
}
