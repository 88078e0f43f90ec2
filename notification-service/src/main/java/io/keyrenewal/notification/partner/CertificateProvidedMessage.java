package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@link NotificationKind#CERTIFICATE_PROVIDED}: the new certificate (attached as PEM, described by fingerprint,
 * serial, issuer and validity), what to configure for the use the renewal asks for and how to confirm.
 */
@Component
public class CertificateProvidedMessage {

    static final String PEM_MEDIA_TYPE = "application/x-pem-file";

    /**
     * What to configure, per use of the certificate the renewal asks for (from its playbook, with the event): the text
     * of the message, where {@code %s} is the recipient's system ("sender system", "receiver system"); the
     * confirmation it asks for comes with the event.
     */
    private static final Map<CertificateUse, String> INSTRUCTIONS = new EnumMap<>(Map.of(
            CertificateUse.VERIFY_WITH_BOTH, """
                    The tenant will sign the messages it sends you with the new key soon, but not before you confirm.
                    Please
                      1. configure your %s to verify the payloads the tenant signs with the old key AND
                         with the attached new certificate (both at once),
                      2. keep the old certificate for now: the tenant tells you when you may remove it,
                      3. confirm as shown below.""",
            CertificateUse.EXCHANGE_AT_DOWNTIME, """
                    Your system verifies one key at a time, so the certificate is exchanged during an agreed downtime.
                    Please
                      1. prepare the exchange of the tenant's old certificate for the attached one, but do NOT
                         configure it yet: the tenant still signs with the old key,
                      2. wait for the tenant's proposal of a downtime window (next message) and accept it,
                      3. exchange the certificate at the agreed downtime, as the following messages describe.""",
            CertificateUse.ENCRYPT_WITH_NEW, """
                    The tenant can now decrypt payloads encrypted with the new certificate as well as with the old one.
                    Please
                      1. configure your %1$s to encrypt the payloads it sends to the tenant with the
                         attached certificate from now on,
                      2. remove the old certificate of the tenant from your %1$s,
                      3. confirm as shown below."""));

    /**
     * {@link CertificateUse#EXCHANGE_AT_DOWNTIME} where the partner is the receiver: the tenant stops sending during
     * the downtime (its integration flow undeployed) and exchanges its key pair before the receiver exchanges the
     * certificate.
     */
    private static final String EXCHANGE_WHILE_THE_TENANT_STOPS = """
            Your %1$s verifies one key at a time, so the certificate is exchanged during an agreed downtime, in \
            which the tenant sends you nothing.
            Please
              1. prepare the exchange of the tenant's old certificate for the attached one, but do NOT
                 configure it yet: the tenant still signs with the old key,
              2. wait for the tenant's proposal of a downtime window (next message) and accept it,
              3. at the downtime the tenant's integration developer undeploys the integration flow that uses the
                 alias and the tenant exchanges its key pair; exchange the certificate in your %1$s when the
                 tenant asks you to, as the following messages describe.""";

    /**
     * The text for {@code use} addressed to {@code recipient}; for a use this service has no text of its own for, what
     * the renewal awaits.
     */
    static String instruction(CertificateUse use, PartnerRole recipient, ConfirmationType awaited) {
        String own = use == CertificateUse.EXCHANGE_AT_DOWNTIME && Downtime.tenantStopsSending(recipient)
                ? EXCHANGE_WHILE_THE_TENANT_STOPS : use == null ? null : INSTRUCTIONS.get(use);
        if (own != null) {
            return own.formatted(Salutation.system(recipient));
        }
        return awaited == null
                ? "Please keep the attached certificate at hand: the tenant's next message says when and how to use it."
                : "Please configure your system with the attached certificate as agreed for this renewal, then confirm "
                        + awaited + " as shown below.";
    }

    public PartnerMessage compose(CertificateProvided event) {
        CertificateInfo certificate = event.certificate();
        ConfirmationType awaited = event.awaitedConfirmation();
        Attachment pem = new Attachment(event.alias() + "-" + certificate.serialNumber() + ".pem", PEM_MEDIA_TYPE,
                certificate.pem());
        ExpectedConfirmation confirmation = awaited == null ? null
                : ConfirmationExample.of(event.renewalId(), event.partnerId(), awaited, event.respondBy());
        Map<String, String> values = PartnerMessage.values(
                "whatHappened", "The tenant created a new key pair for the alias \"" + event.alias()
                        + "\" (renewal id " + event.renewalId() + ") and provides you its certificate.",
                "whatToDo", instruction(event.certificateUse(), event.recipient(), awaited),
                "byWhen", awaited == null ? null : ConfirmationExample.byWhen(event.respondBy(),
                        "As soon as you can: the renewal waits for your confirmation."),
                "attachmentName", pem.fileName(),
                "sha256", certificate.sha256().value(),
                "serialNumber", certificate.serialNumber(),
                "issuer", certificate.issuer(),
                "certificateSubject", certificate.subject(),
                "notBefore", certificate.notBefore().toString(),
                "notAfter", certificate.notAfter().toString());
        return PartnerMessage.of(NotificationKind.CERTIFICATE_PROVIDED, event.recipient(), values, List.of(pem),
                confirmation);
    }
}
