package io.keyrenewal.notification.watch;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.notification.partner.PartnerMessage;

import java.util.Map;

/**
 * What the tenant administrator is told about an alias, before it is rendered with the template named after its kind.
 *
 * @param partnerId the alias's partner where the watch knows it, else null
 * @param renewalId the renewal the message is about (one the watch started), else null
 * @param values    the template's placeholders: what happened, what to do, by when, details
 */
record AliasMessage(NotificationKind kind, String alias, PartnerId partnerId, RenewalId renewalId,
                    Map<String, String> values) {

    AliasMessage {
        Require.present(kind, "kind");
        Require.text(alias, "alias");
        values = Map.copyOf(values);
    }

    String template() {
        return PartnerMessage.templateOf(kind);
    }
}
