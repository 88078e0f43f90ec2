package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@link NotificationKind#CONFIRMATION_RECEIVED}: the tenant accepted a partner's confirmation; each message says what
 * comes next.
 */
@Component
public class ConfirmationReceivedMessages {

    public PartnerMessage verifiesBoth(KnownRenewal renewal, PartnerVerifiesBoth event) {
        return message(renewal, event.confirmationId(), ConfirmationType.VERIFIES_BOTH,
                "The tenant now exchanges its key pair for the alias \"" + renewal.alias() + "\" (after the tenant "
                        + "administrator's approval, where the renewal asks for it). Keep verifying both keys: you "
                        + "will be told when the exchange is done and you may remove the old certificate.", null);
    }

    public PartnerMessage switchedToNewKey(KnownRenewal renewal, PartnerSwitchedToNewKey event) {
        if (renewal.renewsPartnersCertificate()) {
            return message(renewal, event.confirmationId(), ConfirmationType.SWITCHED_TO_NEW_KEY,
                    "The tenant now verifies your signatures for the alias \"" + renewal.alias() + "\" with your "
                            + "new certificate. It keeps your old certificate until " + event.retainOldKeyUntil()
                            + " so that messages signed with your old key that are still on their way still verify,"
                            + " then removes it; you will be told when the renewal is complete. Keep your old key pair"
                            + " until then. You do not need to do anything more for this renewal.", null);
        }
        return message(renewal, event.confirmationId(), ConfirmationType.SWITCHED_TO_NEW_KEY,
                "Your system now encrypts with the new certificate for the alias \"" + renewal.alias() + "\". "
                        + "The tenant keeps the old key pair until " + event.retainOldKeyUntil()
                        + " so that messages already on their way can still be decrypted. "
                        + "You do not need to do anything more for this renewal.", null);
    }

    public PartnerMessage stoppedSending(KnownRenewal renewal, SenderStoppedSending event) {
        return message(renewal, event.confirmationId(), ConfirmationType.SENDING_STOPPED,
                "Next: exchange the tenant's old certificate with the new one in your system and confirm "
                        + "CERTIFICATE_EXCHANGED as shown below. Do not send messages until the tenant tells you to "
                        + "resume.",
                ConfirmationExample.of(renewal.renewalId(), renewal.partnerId(),
                        ConfirmationType.CERTIFICATE_EXCHANGED));
    }

    public PartnerMessage exchangedCertificate(KnownRenewal renewal, SenderExchangedCertificate event) {
        return message(renewal, event.confirmationId(), ConfirmationType.CERTIFICATE_EXCHANGED,
                "Next: the tenant makes sure that no message signed with the old key is still in its system, then "
                        + "exchanges its key pair. Keep your system from sending until the tenant tells you to "
                        + "resume; nothing else to do now.", null);
    }

    public PartnerMessage removedOldCertificate(KnownRenewal renewal, PartnerRemovedOldCertificate event) {
        return message(renewal, event.confirmationId(), ConfirmationType.OLD_CERTIFICATE_REMOVED,
                "Your system verifies only the new key from now on. The tenant keeps its old key pair for the "
                        + "retention period (at least 90 days) and removes it then; you will be told when the "
                        + "renewal is complete. You do not need to do anything more.", null);
    }

    public PartnerMessage resumedSending(KnownRenewal renewal, SenderResumedSending event) {
        return message(renewal, event.confirmationId(), ConfirmationType.SENDING_RESUMED,
                "Traffic runs again. The actual downtime was " + event.actualDowntime() + " against the agreed "
                        + "window from " + event.agreedWindowStart() + " to " + event.agreedWindowEnd() + ". "
                        + "You do not need to do anything more for this renewal.", null);
    }

    public PartnerMessage newCertificate(KnownRenewal renewal, PartnerCertificateReceived event) {
        CertificateInfo certificate = event.certificate();
        return message(renewal, event.confirmationId(), ConfirmationType.NEW_CERTIFICATE,
                "The tenant received your new certificate (SHA-256 fingerprint " + certificate.sha256().value()
                        + ", subject " + certificate.subject() + ", serial " + certificate.serialNumber()
                        + ") and imports it now: check that it is the certificate of your new key pair. Keep using "
                        + "your old key: you will be told when the certificate is imported and when to switch to "
                        + "your new key.", null);
    }

    private static PartnerMessage message(KnownRenewal renewal, String confirmationId, ConfirmationType type,
                                          String next, ExpectedConfirmation nextConfirmation) {
        return PartnerMessage.of(NotificationKind.CONFIRMATION_RECEIVED, renewal.recipient(), PartnerMessage.values(
                        "whatHappened", "The tenant accepted your confirmation " + confirmationId + " (" + type
                                + ") for renewal " + renewal.renewalId() + " of the alias \"" + renewal.alias()
                                + "\".",
                        "whatToDo", next,
                        "confirmedType", type.name()),
                List.of(), nextConfirmation);
    }
}
