package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The renewal of a partner's certificate, to the partner: {@link NotificationKind#PARTNER_CERTIFICATE_REQUESTED} asks
 * for the certificate of its new key pair.
 */
@Component
public class PartnerCertificateMessages {

    public PartnerMessage requested(PartnerCertificateRequested event) {
        ConfirmationType awaited = event.awaitedConfirmation();
        return PartnerMessage.of(NotificationKind.PARTNER_CERTIFICATE_REQUESTED, event.recipient(),
                PartnerMessage.values(
                        "whatHappened", "The tenant renews your certificate that it uses under the alias \""
                                + event.alias() + "\" (renewal id " + event.renewalId() + ").",
                        "whatToDo", """
                                Please
                                  1. create a new key pair in your %s, but keep using your old key for now: the \
                                tenant tells you when to switch,
                                  2. publish the certificate of the new key pair in a %s confirmation as shown below, \
                                signed as usual: the certificate as PEM in the "certificate" field, its line breaks \
                                written as \\n. The certificate only: never send a private key.
                                The tenant imports the certificate and tells you its fingerprint, so that you can \
                                check it is yours.""".formatted(Salutation.system(event.recipient()), awaited),
                        "byWhen", ConfirmationExample.byWhen(event.respondBy(),
                                "As soon as you can: the renewal waits for your certificate.")),
                List.of(), ConfirmationExample.of(event.renewalId(), event.partnerId(), awaited, event.respondBy()));
    }
}
