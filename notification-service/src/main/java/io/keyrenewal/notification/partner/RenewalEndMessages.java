package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * How a renewal ends for the partner: {@link NotificationKind#RENEWAL_COMPLETED},
 * {@link NotificationKind#RENEWAL_ABORTED}, {@link NotificationKind#RENEWAL_ROLLED_BACK}. A renewal of the partner's
 * certificate ends with the partner's old certificate removed, or aborted before the new one was imported.
 */
@Component
public class RenewalEndMessages {

    public PartnerMessage completed(KnownRenewal renewal, RenewalCompleted event) {
        String whatHappened;
        String whatToDo;
        if (renewal.encryptsToPartner()) {
            whatHappened = "The tenant removed your previous certificate from its keystore (alias \"" + event.alias()
                    + "\"). The renewal " + event.renewalId() + " is complete; the tenant encrypts the messages it"
                    + " sends you only to your new certificate.";
            whatToDo = "Nothing is required. If you still hold your old key pair, you may retire it: nothing the"
                    + " tenant sends you is encrypted to it any more.";
        } else if (renewal.renewsPartnersCertificate()) {
            whatHappened = "The tenant removed your old certificate from its keystore (alias \"" + event.alias()
                    + "\"). The renewal " + event.renewalId() + " is complete; the tenant verifies your signatures"
                    + " only with your new certificate from now on.";
            whatToDo = "Nothing is required. You may now retire your old key pair: the tenant no longer accepts what"
                    + " it signs.";
        } else {
            whatHappened = "The tenant removed the old key pair of the alias \"" + event.alias() + "\". The renewal "
                    + event.renewalId() + " is complete; only the new certificate is in use from now on.";
            whatToDo = "Nothing. If your system still holds the tenant's old certificate, you may delete it.";
        }
        return PartnerMessage.of(NotificationKind.RENEWAL_COMPLETED, renewal.recipient(), PartnerMessage.values(
                "whatHappened", whatHappened, "whatToDo", whatToDo), List.of(), null);
    }

    public PartnerMessage aborted(KnownRenewal renewal, RenewalAborted event) {
        if (renewal.renewsPartnersCertificate()) {
            return PartnerMessage.of(NotificationKind.RENEWAL_ABORTED, renewal.recipient(), PartnerMessage.values(
                            "whatHappened", "The tenant (" + event.abortedBy() + ") aborted the renewal "
                                    + event.renewalId() + " of your certificate under the alias \"" + event.alias()
                                    + "\" before importing a new one: " + event.reason(),
                            "whatToDo", keepYourOldKey(renewal) + " The certificate you sent for this renewal, if"
                                    + " any, is not used; send a new certificate only when a new renewal asks for"
                                    + " it."),
                    List.of(), null);
        }
        return PartnerMessage.of(NotificationKind.RENEWAL_ABORTED, renewal.recipient(), PartnerMessage.values(
                        "whatHappened", "The tenant (" + event.abortedBy() + ") aborted the renewal "
                                + event.renewalId() + " of the alias \"" + event.alias() + "\" before the exchange: "
                                + event.reason(),
                        "whatToDo", "Keep using the tenant's old certificate. If you already configured the new "
                                + "certificate of this renewal, remove it: it will never be used. Any downtime "
                                + "agreed for this renewal is cancelled."),
                List.of(), null);
    }

    private static String keepYourOldKey(KnownRenewal renewal) {
        if (!renewal.encryptsToPartner()) {
            return "Keep signing with your old key: the tenant still verifies your signatures with your current"
                    + " certificate.";
        }
        return "Keep decrypting with your old key: the tenant still encrypts the messages it sends you to your current"
                + " certificate." + (renewal.downtimeAgreed() ? " If you replaced your old key with a new one for this"
                + " renewal's downtime, put the old one back before messages flow again. Any downtime agreed for this"
                + " renewal is cancelled." : "");
    }

    public PartnerMessage rolledBack(KnownRenewal renewal, KeyPairRolledBack event) {
        return PartnerMessage.of(NotificationKind.RENEWAL_ROLLED_BACK, event.recipient(), PartnerMessage.values(
                        "whatHappened", "The tenant rolled the exchange of the alias \"" + event.alias()
                                + "\" back: the messages it sends you are signed with the old key again (certificate SHA-256 "
                                + event.active().sha256().value() + ", serial " + event.active().serialNumber()
                                + "). The renewal " + event.renewalId() + " ends here.",
                        "whatToDo", "Keep verifying with the old certificate; do NOT remove it. You may remove the "
                                + "new certificate of this renewal. The tenant will start a new renewal later.",
                        "byWhen", "Now.",
                        "activeSha256", event.active().sha256().value()),
                List.of(), null);
    }
}
