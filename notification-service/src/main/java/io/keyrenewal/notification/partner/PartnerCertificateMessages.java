package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The renewal of a partner's certificate, to the partner: {@link NotificationKind#PARTNER_CERTIFICATE_REQUESTED} asks
 * for the certificate of its new key pair, {@link NotificationKind#PARTNER_CERTIFICATE_IMPORTED} echoes what the tenant
 * imported and asks the partner to switch to its new key. Neither says whether that key signs or decrypts: the events
 * do not.
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

    public PartnerMessage imported(PartnerCertificateImported event) {
        // every renewal of a partner's certificate asks for the switch after the import
        ConfirmationType awaited = event.awaitedConfirmation() == null ? ConfirmationType.SWITCHED_TO_NEW_KEY
                : event.awaitedConfirmation();
        CertificateRef imported = event.imported();
        CertificateRef previous = event.previous();
        return PartnerMessage.of(NotificationKind.PARTNER_CERTIFICATE_IMPORTED, event.recipient(),
                PartnerMessage.values(
                        "whatHappened", "The tenant imported your new certificate for the alias \"" + event.alias()
                                + "\" (renewal id " + event.renewalId() + "): check below that it is the certificate"
                                + " of your new key pair." + (previous == null ? ""
                                : " Your previous certificate stays accepted beside it for now."),
                        "whatToDo", """
                                Please
                                  1. check that the certificate above is yours; if it is not, do not switch and \
                                contact the tenant,
                                  2. switch your %s to use your new key now,
                                  3. confirm %s as shown below.""".formatted(Salutation.system(event.recipient()),
                                awaited),
                        "byWhen", ConfirmationExample.byWhen(event.respondBy(),
                                "As soon as you can: the renewal waits for your confirmation."),
                        "sha256", imported.sha256().value(),
                        "serialNumber", imported.serialNumber(),
                        "issuer", imported.issuer(),
                        "previousSha256", previous == null ? null : previous.sha256().value(),
                        "previousSerialNumber", previous == null ? null : previous.serialNumber(),
                        "previousIssuer", previous == null ? null : previous.issuer()),
                List.of(), ConfirmationExample.of(event.renewalId(), event.partnerId(), awaited, event.respondBy()));
    }
}
