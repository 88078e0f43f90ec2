package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@link NotificationKind#CONFIRMATION_RECEIVED}: the partner's switch to the new key is accepted. */
@Component
public class ConfirmationReceivedMessage {

    public PartnerMessage compose(KnownRenewal renewal, PartnerSwitchedToNewKey event) {
        String subject = "Confirmation received: you encrypt with the new certificate for alias " + renewal.alias()
                + " (renewal " + event.renewalId() + ")";
        String body = Salutation.of(renewal.recipient(), event.partnerId()) + "\n\n"
                + "the tenant accepted your confirmation " + event.confirmationId() + " for renewal "
                + event.renewalId() + ": your system now encrypts with the new certificate for the alias \""
                + renewal.alias() + "\".\n\n"
                + "The tenant keeps the old key pair until " + event.retainOldKeyUntil()
                + " so that messages already on their way can still be decrypted. "
                + "You do not need to do anything more for this renewal.\n";
        return new PartnerMessage(NotificationKind.CONFIRMATION_RECEIVED, subject, body, List.of(), null);
    }
}
