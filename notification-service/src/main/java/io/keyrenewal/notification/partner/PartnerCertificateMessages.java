package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The renewal of a partner's certificate, to the partner: {@link NotificationKind#PARTNER_CERTIFICATE_REQUESTED} asks
 * for the certificate of its new key pair, {@link NotificationKind#PARTNER_CERTIFICATE_IMPORTED} echoes what the tenant
 * imported and asks for the step the renewal awaits next, if any. Both say what the tenant does with the certificate,
 * as the events do: it verifies the partner's signatures with it, or encrypts what it sends the partner to it. Where a
 * downtime was agreed (nothing is sent), the partner replaces its key at once instead of decrypting with both.
 */
@Component
public class PartnerCertificateMessages {

    private static final String PUBLISH_THE_CERTIFICATE = "publish the certificate of the new key pair in a %s"
            + " confirmation as shown below, signed as usual: the certificate as PEM in the \"certificate\" field, its"
            + " line breaks written as \\n. The certificate only: never send a private key.";
    private static final String FINGERPRINT_ECHOED = "The tenant imports the certificate and tells you its fingerprint,"
            + " so that you can check it is yours.";

    public PartnerMessage requested(KnownRenewal renewal, PartnerCertificateRequested event) {
        ConfirmationType awaited = event.awaitedConfirmation();
        return PartnerMessage.of(NotificationKind.PARTNER_CERTIFICATE_REQUESTED, event.recipient(),
                PartnerMessage.values(
                        "whatHappened", "The tenant renews your certificate that it uses under the alias \""
                                + event.alias() + "\" (renewal id " + event.renewalId() + "): "
                                + whatTheTenantDoes(event.use()) + ".",
                        "whatToDo", whatToDoWithTheNewKeyPair(event.use(), event.recipient(),
                                renewal.downtimeAgreed(), PUBLISH_THE_CERTIFICATE.formatted(awaited)),
                        "byWhen", ConfirmationExample.byWhen(event.respondBy(),
                                "As soon as you can: the renewal waits for your certificate.")),
                List.of(), ConfirmationExample.of(event.renewalId(), event.partnerId(), awaited, event.respondBy()));
    }

    private static String whatTheTenantDoes(PartnerCertificateUse use) {
        return use == PartnerCertificateUse.ENCRYPT_TO_PARTNER
                ? "it encrypts the messages it sends you to it"
                : "it verifies your signatures with it";
    }

    private static String whatToDoWithTheNewKeyPair(PartnerCertificateUse use, PartnerRole recipient,
                                                    boolean downtime, String publish) {
        String system = Salutation.system(recipient);
        if (use != PartnerCertificateUse.ENCRYPT_TO_PARTNER) {
            return """
                    Please
                      1. create a new key pair in your %s, but keep using your old key for now: the tenant tells \
                    you when to switch,
                      2. %s
                    %s""".formatted(system, publish, FINGERPRINT_ECHOED);
        }
        if (downtime) {
            return """
                    No messages flow between you and the tenant now (the agreed downtime), so your %s changes keys \
                    at once. Please
                      1. create a new key pair in your %s and decrypt with it from now on, in place of your old key,
                      2. %s
                    %s %s""".formatted(system, system, publish, FINGERPRINT_ECHOED,
                    Downtime.untilTrafficResumes(recipient));
        }
        return """
                Please
                  1. create a new key pair in your %s and configure it to decrypt with the new key AND with your old \
                key (both at once): the tenant encrypts to your current certificate until it has imported the new \
                one, and to the new one from then on,
                  2. keep your old key for now: the tenant tells you when you may remove it,
                  3. %s
                %s""".formatted(system, publish, FINGERPRINT_ECHOED);
    }

    public PartnerMessage imported(KnownRenewal renewal, PartnerCertificateImported event) {
        ConfirmationType awaited = event.awaitedConfirmation();
        CertificateRef imported = event.imported();
        CertificateRef previous = event.previous();
        return PartnerMessage.of(NotificationKind.PARTNER_CERTIFICATE_IMPORTED, event.recipient(),
                PartnerMessage.values(
                        "headline", awaited == null ? "Your new certificate is imported, nothing to confirm"
                                : "Action required: your new certificate is imported, confirm " + awaited,
                        "whatHappened", "The tenant imported your new certificate for the alias \"" + event.alias()
                                + "\" (renewal id " + event.renewalId() + "): check below that it is the certificate"
                                + " of your new key pair." + whatTheTenantDoesNow(event),
                        "whatToDo", awaited == null ? nothingToConfirm(event.recipient()) : """
                                Please
                                  1. check that the certificate above is yours; if it is not, do not go on and \
                                contact the tenant,
                                  2. %s now,
                                  3. confirm %s as shown below.""".formatted(PartnerSteps.describe(awaited, renewal),
                                awaited),
                        "byWhen", awaited == null ? null : ConfirmationExample.byWhen(event.respondBy(),
                                "As soon as you can: the renewal waits for your confirmation."),
                        "sha256", imported.sha256().value(),
                        "serialNumber", imported.serialNumber(),
                        "issuer", imported.issuer(),
                        "previousSha256", previous == null ? null : previous.sha256().value(),
                        "previousSerialNumber", previous == null ? null : previous.serialNumber(),
                        "previousIssuer", previous == null ? null : previous.issuer()),
                List.of(), awaited == null ? null
                        : ConfirmationExample.of(event.renewalId(), event.partnerId(), awaited, event.respondBy()));
    }

    private static String whatTheTenantDoesNow(PartnerCertificateImported event) {
        if (event.use() != PartnerCertificateUse.ENCRYPT_TO_PARTNER) {
            return event.previous() == null ? "" : " Your previous certificate stays accepted beside it for now.";
        }
        return " From now on the tenant encrypts the messages it sends you to your new certificate."
                + (event.retainPreviousUntil() == null ? "" : " It no longer uses your previous certificate and"
                + " removes it from its keystore after " + event.retainPreviousUntil() + ".");
    }

    private static String nothingToConfirm(PartnerRole recipient) {
        return (Downtime.tenantStopsSending(recipient)
                ? "Nothing to confirm: the tenant's integration developer redeploys " + Downtime.FLOW + " next, and"
                + " you are told when the tenant sends you messages again."
                : "Nothing to confirm now: the tenant tells you what comes next.")
                + " If the certificate above is not yours, contact the tenant administrator at once.";
    }
}
