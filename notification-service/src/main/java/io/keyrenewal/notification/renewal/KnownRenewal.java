package io.keyrenewal.notification.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;

/**
 * What the notification service keeps of a started renewal, so that later events reach the right administrator.
 *
 * @param recipient  the partner administrator who acts in the renewal, as its events name it (from the playbook)
 * @param renewedKey whether the renewal renews the tenant's key pair or the partner's certificate, as its events say
 */
public record KnownRenewal(RenewalId renewalId, PartnerId partnerId, String alias, Playbook playbook,
                           PartnerRole recipient, RenewedKey renewedKey) {

    public KnownRenewal {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(alias, "alias");
        Require.present(playbook, "playbook");
        Require.present(recipient, "recipient");
        Require.present(renewedKey, "renewedKey");
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
}
