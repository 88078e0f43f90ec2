package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@link NotificationKind#KEY_PAIR_EXCHANGED}: the tenant signs with the new key now; the partner may remove the old
 * certificate (no downtime), resumes sending (the sender stopped for the downtime) or exchanges the certificate now
 * (the tenant stopped sending for the downtime and exchanged first), as the event's awaited confirmation says.
 */
@Component
public class ExchangeMessage {

    public PartnerMessage compose(KnownRenewal renewal, PartnerInformedOfExchange event) {
        // every playbook that informs the partner of the exchange asks for a step; events recorded before they named
        // it read as their playbook asked
        ConfirmationType confirmation = event.awaitedConfirmation() == null ? ConfirmationType.OLD_CERTIFICATE_REMOVED
                : event.awaitedConfirmation();
        boolean downtime = confirmation == ConfirmationType.SENDING_RESUMED
                || confirmation == ConfirmationType.CERTIFICATE_EXCHANGED;
        String whatToDo = switch (confirmation) {
            case SENDING_RESUMED -> """
                    Please
                      1. start sending messages to the tenant again: the messages it sends you are signed with the new
                         key, which your system now verifies,
                      2. confirm SENDING_RESUMED as shown below.""";
            case OLD_CERTIFICATE_REMOVED -> """
                    Please
                      1. check that your system verifies the tenant's messages signed with the new key,
                      2. remove the tenant's old certificate from your system: you may do so now,
                      3. confirm OLD_CERTIFICATE_REMOVED as shown below. Until then the tenant can still roll back.""";
            default -> """
                    Please
                      1. %s now (the new one was sent to you before),
                      2. confirm %s as shown below.
                    %s""".formatted(PartnerSteps.describe(confirmation, renewal), confirmation,
                    Downtime.untilTrafficResumes(event.recipient()));
        };
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
