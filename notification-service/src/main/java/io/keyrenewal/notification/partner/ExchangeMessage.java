package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@link NotificationKind#KEY_PAIR_EXCHANGED}, playbooks 1 and 2, step 6/9: the tenant signs with the new key now;
 * the sender may remove the old certificate (playbook 1) or resumes sending (playbook 2).
 */
@Component
public class ExchangeMessage {

    public PartnerMessage compose(KnownRenewal renewal, PartnerInformedOfExchange event) {
        // what the renewal asks now, as the event says (resume sending after the downtime, or remove the old
        // certificate); every playbook that informs the partner of the exchange asks one of the two
        ConfirmationType confirmation = event.awaitedConfirmation() == null ? ConfirmationType.OLD_CERTIFICATE_REMOVED
                : event.awaitedConfirmation();
        boolean downtime = confirmation == ConfirmationType.SENDING_RESUMED;
        String whatToDo = downtime ? """
                Please
                  1. start sending messages to the tenant again: the messages it sends you are signed with the new
                     key, which your system now verifies,
                  2. confirm SENDING_RESUMED as shown below.""" : """
                Please
                  1. check that your system verifies the tenant's messages signed with the new key,
                  2. remove the tenant's old certificate from your system: you may do so now,
                  3. confirm OLD_CERTIFICATE_REMOVED as shown below. Until then the tenant can still roll back.""";
        return PartnerMessage.of(NotificationKind.KEY_PAIR_EXCHANGED, event.recipient(), PartnerMessage.values(
                        "whatHappened", "The tenant exchanged the key pair of the alias \"" + renewal.alias()
                                + "\": from now on the messages it sends you are signed with the new key (certificate SHA-256 "
                                + event.newCertificate().sha256().value() + ", serial "
                                + event.newCertificate().serialNumber()
                                + ").",
                        "whatToDo", whatToDo,
                        "byWhen", downtime
                                ? ConfirmationExample.byWhen("Now: the downtime window is running.", event.respondBy())
                                : ConfirmationExample.byWhen(event.respondBy(), "As soon as you can."),
                        "newSha256", event.newCertificate().sha256().value()),
                List.of(), ConfirmationExample.of(renewal.renewalId(), event.partnerId(), confirmation,
                        event.respondBy()));
    }
}
