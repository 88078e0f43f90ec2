package io.keyrenewal.notification.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;

import java.time.Instant;

/**
 * What the notification service keeps of a started renewal, so that later events reach the right administrator and
 * its messages describe the right key and the right step.
 *
 * @param recipient             the partner administrator who acts in the renewal, as its events name it (from the
 *                              playbook)
 * @param renewedKey            whether the renewal renews the tenant's key pair or the partner's certificate, as its
 *                              events say
 * @param partnerCertificateUse where it renews the partner's certificate, what the tenant does with it (a renewal
 *                              remembered without it verified); null for a renewal of the tenant's key pair
 * @param downtimeUntil         the end of the downtime window agreed for the renewal; null while none is agreed
 * @param keyPairExchangedAt    when the tenant's key pair was exchanged; null before (and for a renewal of the
 *                              partner's certificate)
 */
public record KnownRenewal(RenewalId renewalId, PartnerId partnerId, String alias, Playbook playbook,
                           PartnerRole recipient, RenewedKey renewedKey, PartnerCertificateUse partnerCertificateUse,
                           Instant downtimeUntil, Instant keyPairExchangedAt) {

    public KnownRenewal {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(alias, "alias");
        Require.present(playbook, "playbook");
        Require.present(recipient, "recipient");
        Require.present(renewedKey, "renewedKey");
        partnerCertificateUse = renewedKey == RenewedKey.PARTNER_CERTIFICATE
                ? PartnerCertificateUse.orBefore(partnerCertificateUse) : null;
    }

    /** A renewal as its start says it, before anything else happened in it. */
    public KnownRenewal(RenewalId renewalId, PartnerId partnerId, String alias, Playbook playbook,
                        PartnerRole recipient, RenewedKey renewedKey, PartnerCertificateUse partnerCertificateUse) {
        this(renewalId, partnerId, alias, playbook, recipient, renewedKey, partnerCertificateUse, null, null);
    }

    /** A renewal that renews {@code renewedKey}; a partner's certificate is one the tenant verifies with. */
    public KnownRenewal(RenewalId renewalId, PartnerId partnerId, String alias, Playbook playbook,
                        PartnerRole recipient, RenewedKey renewedKey) {
        this(renewalId, partnerId, alias, playbook, recipient, renewedKey, null);
    }

    /** A renewal of the tenant's key pair. */
    public KnownRenewal(RenewalId renewalId, PartnerId partnerId, String alias, Playbook playbook,
                        PartnerRole recipient) {
        this(renewalId, partnerId, alias, playbook, recipient, RenewedKey.TENANT_KEY_PAIR);
    }

    /** Whether the renewal renews the partner's certificate rather than the tenant's key pair. */
    public boolean renewsPartnersCertificate() {
        return renewedKey == RenewedKey.PARTNER_CERTIFICATE;
    }

    /** Whether the renewal renews the partner's certificate that the tenant encrypts what it sends the partner to. */
    public boolean encryptsToPartner() {
        return partnerCertificateUse == PartnerCertificateUse.ENCRYPT_TO_PARTNER;
    }

    /** Whether a downtime window was agreed for the renewal: then nothing is sent during it. */
    public boolean downtimeAgreed() {
        return downtimeUntil != null;
    }

    /** Whether the tenant's key pair is exchanged already: it signs or decrypts with the new one. */
    public boolean keyPairExchanged() {
        return keyPairExchangedAt != null;
    }

    public KnownRenewal withDowntimeUntil(Instant windowEnd) {
        return new KnownRenewal(renewalId, partnerId, alias, playbook, recipient, renewedKey, partnerCertificateUse,
                windowEnd, keyPairExchangedAt);
    }

    public KnownRenewal withKeyPairExchangedAt(Instant exchangedAt) {
        return new KnownRenewal(renewalId, partnerId, alias, playbook, recipient, renewedKey, partnerCertificateUse,
                downtimeUntil, exchangedAt);
    }
}
