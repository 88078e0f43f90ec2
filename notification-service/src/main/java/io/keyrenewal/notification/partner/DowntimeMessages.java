package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Playbook 2's downtime: {@link NotificationKind#DOWNTIME_PROPOSED} and {@link NotificationKind#DOWNTIME_AGREED} to
 * the sender, {@link NotificationKind#DOWNTIME_OVERRUN} to the tenant administrator.
 */
@Component
public class DowntimeMessages {

    public PartnerMessage proposed(KnownRenewal renewal, DowntimeProposed event) {
        return PartnerMessage.of(NotificationKind.DOWNTIME_PROPOSED, renewal.recipient(), PartnerMessage.values(
                        "whatHappened", "The tenant (" + event.proposedBy() + ") proposes a downtime window for the "
                                + "exchange of the certificate of the alias \"" + renewal.alias() + "\": from "
                                + event.windowStart() + " to " + event.windowEnd() + " (UTC). During the window your "
                                + "system sends no signed messages to the tenant.",
                        "whatToDo", "Check that the window suits your operations and accept it as shown below. "
                                + "If it does not suit you, contact the tenant administrator before confirming.",
                        "byWhen", ConfirmationExample.byWhen("Before the window starts at " + event.windowStart()
                                + ".", event.respondBy()),
                        "windowStart", event.windowStart().toString(),
                        "windowEnd", event.windowEnd().toString()),
                List.of(), ConfirmationExample.of(renewal.renewalId(), renewal.partnerId(),
                        ConfirmationType.DOWNTIME_ACCEPTED, event.respondBy()));
    }

    public PartnerMessage agreed(KnownRenewal renewal, DowntimeAgreed event) {
        return PartnerMessage.of(NotificationKind.DOWNTIME_AGREED, renewal.recipient(), PartnerMessage.values(
                        "whatHappened", "You accepted the downtime window (confirmation " + event.confirmationId()
                                + "): from " + event.windowStart() + " to " + event.windowEnd() + " (UTC).",
                        "whatToDo", """
                                At the start of the window:
                                  1. stop sending signed messages to the tenant and confirm SENDING_STOPPED as
                                     shown below,
                                  2. exchange the tenant's old certificate with the new one (sent to you before) and
                                     confirm CERTIFICATE_EXCHANGED (second example below),
                                  3. then wait: the tenant exchanges its key pair and tells you when to resume
                                     sending.""",
                        "byWhen", "Stop at " + event.windowStart() + ", not earlier; both confirmations before "
                                + event.windowEnd() + ".",
                        "windowStart", event.windowStart().toString(),
                        "windowEnd", event.windowEnd().toString(),
                        "thenConfirmationJson", ConfirmationExample.of(renewal.renewalId(), renewal.partnerId(),
                                ConfirmationType.CERTIFICATE_EXCHANGED).example()),
                List.of(), ConfirmationExample.of(renewal.renewalId(), renewal.partnerId(),
                        ConfirmationType.SENDING_STOPPED, event.respondBy()));
    }

    public PartnerMessage overrun(KnownRenewal renewal, DowntimeOverrun event) {
        return PartnerMessage.of(NotificationKind.DOWNTIME_OVERRUN, PartnerRole.TENANT_ADMINISTRATOR,
                PartnerMessage.values(
                        "whatHappened", "The agreed downtime window of renewal " + renewal.renewalId() + " (alias \""
                                + renewal.alias() + "\", partner " + renewal.partnerId() + ") ended at "
                                + event.windowEnd() + ", and the sender has not resumed sending.",
                        "whatToDo", "Contact the sender administrator of partner " + renewal.partnerId()
                                + ": find out what blocks the exchange and agree how to go on. Traffic with this "
                                + "partner is interrupted until the sender resumes.",
                        "byWhen", "Now: the window is over.",
                        "windowEnd", event.windowEnd().toString()),
                List.of(), null);
    }
}
