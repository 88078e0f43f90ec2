package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@link NotificationKind#STEP_OVERDUE}: a reminder to the partner with the confirmation still awaited;
 * {@link NotificationKind#STEP_ESCALATED}: the step stayed overdue, the tenant administrator is alerted.
 */
@Component
public class OverdueStepMessages {

    public PartnerMessage overdue(KnownRenewal renewal, PartnerStepOverdue event) {
        return PartnerMessage.of(NotificationKind.STEP_OVERDUE, event.recipient(), PartnerMessage.values(
                        "whatHappened", "Reminder: the tenant has been waiting since " + event.waitingSince()
                                + " for your confirmation " + event.expected() + " in renewal "
                                + renewal.renewalId() + " of the alias \"" + renewal.alias() + "\".",
                        "whatToDo", "Please " + PartnerSteps.describe(event.expected(), renewal)
                                + ", then confirm " + event.expected() + " as shown below. If you already did, "
                                + "check that your confirmation reached the topic with the record key "
                                + renewal.renewalId() + ".",
                        "byWhen", "Now: the step is overdue; the tenant administrator is alerted if it stays so.",
                        "waitingSince", event.waitingSince().toString()),
                List.of(), ConfirmationExample.of(renewal.renewalId(), renewal.partnerId(), event.expected()));
    }

    public PartnerMessage escalated(KnownRenewal renewal, PartnerStepEscalated event) {
        return PartnerMessage.of(NotificationKind.STEP_ESCALATED, PartnerRole.TENANT_ADMINISTRATOR,
                PartnerMessage.values(
                        "whatHappened", "Partner " + renewal.partnerId() + " has not confirmed " + event.expected()
                                + " in renewal " + renewal.renewalId() + " (alias \"" + renewal.alias()
                                + "\"), awaited since " + event.waitingSince() + ", despite a reminder.",
                        "whatToDo", "Contact the " + Salutation.words(renewal.recipient()) + " of partner "
                                + renewal.partnerId() + ": they must "
                                + PartnerSteps.describe(event.expected(), renewal) + " and confirm "
                                + event.expected() + ". If the renewal cannot go on, abort it.",
                        "byWhen", "Now.",
                        "waitingSince", event.waitingSince().toString()),
                List.of(), null);
    }
}
