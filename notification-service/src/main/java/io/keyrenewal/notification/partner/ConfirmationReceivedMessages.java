package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
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
        if (renewal.encryptsToPartner()) {
            return message(renewal, event.confirmationId(), ConfirmationType.SWITCHED_TO_NEW_KEY,
                    "The tenant encrypts the messages it sends you for the alias \"" + renewal.alias() + "\" to your"
                            + " new certificate, and your " + Salutation.system(renewal.recipient()) + " decrypts"
                            + " them with your new key only. The tenant keeps your old certificate in its keystore,"
                            + " unused, until " + event.retainOldKeyUntil() + ", then removes it; you will be told"
                            + " when the renewal is complete. You do not need to do anything more for this renewal.",
                    null);
        }
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

    /**
     * What follows the stop, as the event says: the partner step it asks for, or (none) the tenant's own steps. A stop
     * recorded before the field existed, in a renewal of the tenant's key pair, asked for the certificate exchange.
     */
    public PartnerMessage stoppedSending(KnownRenewal renewal, SenderStoppedSending event) {
        ConfirmationType next = event.awaitedConfirmation() == null && !renewal.renewsPartnersCertificate()
                ? ConfirmationType.CERTIFICATE_EXCHANGED : event.awaitedConfirmation();
        if (next == null) {
            return message(renewal, event.confirmationId(), ConfirmationType.SENDING_STOPPED,
                    "Next: the tenant makes sure that no message it sent you is still on its way"
                            + (renewal.encryptsToPartner() ? " encrypted to your old certificate" : "")
                            + ", then asks you for "
                            + (renewal.renewsPartnersCertificate() ? "the certificate of your new key pair"
                            : "what it needs next") + ". Nothing to do now. "
                            + Downtime.untilTrafficResumes(renewal.recipient()), null);
        }
        return message(renewal, event.confirmationId(), ConfirmationType.SENDING_STOPPED,
                "Next: " + PartnerSteps.describe(next, renewal) + " and confirm " + next + " as shown below. "
                        + Downtime.untilTrafficResumes(renewal.recipient()),
                ConfirmationExample.of(renewal.renewalId(), renewal.partnerId(), next));
    }

    /**
     * What follows the partner's exchange of the tenant's certificate: the exchange of the tenant's key pair, or, where
     * that came first, the end of the downtime.
     */
    public PartnerMessage exchangedCertificate(KnownRenewal renewal, SenderExchangedCertificate event) {
        if (renewal.keyPairExchanged()) {
            return message(renewal, event.confirmationId(), ConfirmationType.CERTIFICATE_EXCHANGED,
                    "Your " + Salutation.system(renewal.recipient()) + " verifies the tenant's messages with its new"
                            + " certificate from now on, the one its new key signs with. "
                            + (Downtime.tenantStopsSending(renewal.recipient())
                            ? "Next: the tenant's integration developer redeploys " + Downtime.FLOW + ", and the"
                            + " tenant sends you messages again, signed with its new key; you are told then."
                            : "Next: the tenant tells you when to resume sending.")
                            + " Nothing to do now.", null);
        }
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
                        + ") and imports it now: check that it is the certificate of your new key pair. "
                        + untilTheImport(renewal, event.use()), null);
    }

    private static String untilTheImport(KnownRenewal renewal, PartnerCertificateUse use) {
        if (use != PartnerCertificateUse.ENCRYPT_TO_PARTNER) {
            return "Keep using your old key: you will be told when the certificate is imported and when to switch to"
                    + " your new key.";
        }
        if (renewal.downtimeAgreed()) {
            return "You will be told when it is imported. " + Downtime.untilTrafficResumes(renewal.recipient());
        }
        return "Keep decrypting with your old and your new key: you will be told when the certificate is imported,"
                + " from when on the tenant encrypts to it, and when you may remove your old key.";
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
