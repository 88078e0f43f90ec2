package io.keyrenewal.notification.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;

/** What the notification service keeps of a started renewal, so that later events reach the right administrator. */
public record KnownRenewal(RenewalId renewalId, PartnerId partnerId, String alias, Playbook playbook) {

    public KnownRenewal {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(alias, "alias");
        Require.present(playbook, "playbook");
    }

    /** The partner administrator who acts in this renewal's playbook. */
    public PartnerRole recipient() {
        return playbook.partnerRole();
    }
}
