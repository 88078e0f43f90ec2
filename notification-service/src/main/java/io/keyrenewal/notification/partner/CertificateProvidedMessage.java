package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.Playbook;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@link NotificationKind#CERTIFICATE_PROVIDED}: the new certificate, what to do with it in the renewal's playbook and
 * how to confirm. A playbook without its own step here gets a generic instruction and no confirmation request.
 */
@Component
public class CertificateProvidedMessage {

    static final String PEM_MEDIA_TYPE = "application/x-pem-file";

    private static final PartnerStep GENERIC_STEP = new PartnerStep("""
            Configure the attached certificate in your system as agreed with the tenant.
            The tenant will tell you separately how to confirm this step.""", null);

    private static final Map<Playbook, PartnerStep> STEPS = new EnumMap<>(Map.of(
            Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, new PartnerStep("""
                    The tenant can now decrypt payloads encrypted with the new certificate as well as with the old one.
                    Please
                      1. configure your receiver system to encrypt the payloads it sends to the tenant with the
                         attached certificate from now on,
                      2. remove the old certificate of the tenant from your receiver system,
                      3. confirm as shown below.""", ConfirmationType.SWITCHED_TO_NEW_KEY)));

    public PartnerMessage compose(CertificateProvided event) {
        CertificateInfo certificate = event.certificate();
        PartnerStep step = STEPS.getOrDefault(event.playbook(), GENERIC_STEP);
        Attachment pem = new Attachment(event.alias() + "-" + certificate.serialNumber() + ".pem", PEM_MEDIA_TYPE,
                certificate.pem());
        ExpectedConfirmation confirmation = step.confirmation() == null ? null
                : ConfirmationExample.of(event.renewalId(), event.partnerId(), step.confirmation());

        String subject = "Action required: new certificate of the tenant for alias " + event.alias()
                + " (renewal " + event.renewalId() + ")";
        StringBuilder body = new StringBuilder()
                .append(Salutation.of(event.recipient(), event.partnerId())).append("\n\n")
                .append("the tenant created a new key pair for the alias \"").append(event.alias())
                .append("\" (renewal id ").append(event.renewalId()).append(").\n\n")
                .append("What to do:\n").append(step.instruction()).append("\n\n")
                .append("The new certificate is attached as ").append(pem.fileName()).append(":\n")
                .append("  SHA-256 fingerprint: ").append(certificate.sha256()).append('\n')
                .append("  Serial number:       ").append(certificate.serialNumber()).append('\n')
                .append("  Issuer:              ").append(certificate.issuer()).append('\n')
                .append("  Subject:             ").append(certificate.subject()).append('\n')
                .append("  Valid from:          ").append(certificate.notBefore()).append('\n')
                .append("  Valid until:         ").append(certificate.notAfter()).append('\n');
        if (confirmation != null) {
            body.append('\n')
                    .append("How to confirm: publish this JSON on the Kafka topic ").append(confirmation.topic())
                    .append(" with the record key ").append(event.renewalId())
                    .append(", with your own unique confirmationId and the time you switched as confirmedAt:\n\n")
                    .append(confirmation.example()).append("\n\n")
                    .append("Publishing the same confirmation again with the same confirmationId is harmless.\n");
        }
        return new PartnerMessage(NotificationKind.CERTIFICATE_PROVIDED, subject, body.toString(), List.of(pem),
                confirmation);
    }

    /**
     * @param confirmation what the partner confirms when done; null if the playbook asks nothing here
     */
    private record PartnerStep(String instruction, ConfirmationType confirmation) {
    }
}
