package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@link NotificationKind#RENEWAL_COMPLETED}: the old key pair is gone, the renewal is over. */
@Component
public class RenewalCompletedMessage {

    public PartnerMessage compose(KnownRenewal renewal, RenewalCompleted event) {
        String subject = "Renewal complete: alias " + event.alias() + " (renewal " + event.renewalId() + ")";
        String body = Salutation.of(renewal.recipient(), event.partnerId()) + "\n\n"
                + "the tenant removed the old key pair of the alias \"" + event.alias() + "\". "
                + "The renewal " + event.renewalId() + " is complete; only the new certificate is in use from now on.\n";
        return new PartnerMessage(NotificationKind.RENEWAL_COMPLETED, subject, body, List.of(), null);
    }
}
