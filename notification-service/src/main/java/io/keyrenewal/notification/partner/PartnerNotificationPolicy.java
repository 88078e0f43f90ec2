package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.notification.delivery.NotificationDelivery;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.KnownRenewals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which renewal event tells which partner administrator what: one message per event and recipient, identified by
 * {@code <event id>:<recipient role>} so that a redelivered event yields the same message id.
 */
@Component
public class PartnerNotificationPolicy {

    private static final Logger log = LoggerFactory.getLogger(PartnerNotificationPolicy.class);

    private final KnownRenewals knownRenewals;
    private final NotificationDelivery delivery;
    private final CertificateProvidedMessage certificateProvided;
    private final ConfirmationReceivedMessage confirmationReceived;
    private final RenewalCompletedMessage renewalCompleted;

    public PartnerNotificationPolicy(KnownRenewals knownRenewals, NotificationDelivery delivery,
                                     CertificateProvidedMessage certificateProvided,
                                     ConfirmationReceivedMessage confirmationReceived,
                                     RenewalCompletedMessage renewalCompleted) {
        this.knownRenewals = knownRenewals;
        this.delivery = delivery;
        this.certificateProvided = certificateProvided;
        this.confirmationReceived = confirmationReceived;
        this.renewalCompleted = renewalCompleted;
    }

    public void on(ReceivedEvent received) {
        RenewalEvent event = received.event();
        if (event instanceof RenewalStarted started) {
            remember(started);
        } else if (event instanceof CertificateProvided provided) {
            knownRenewals.remember(new KnownRenewal(provided.renewalId(), provided.partnerId(), provided.alias(),
                    provided.playbook()), provided.at());
            notify(received, provided.partnerId(), provided.recipient(), certificateProvided.compose(provided));
        } else if (event instanceof PartnerSwitchedToNewKey switched) {
            KnownRenewal renewal = knownRenewals.get(switched.renewalId());
            notify(received, renewal.partnerId(), renewal.recipient(),
                    confirmationReceived.compose(renewal, switched));
        } else if (event instanceof RenewalCompleted completed) {
            KnownRenewal renewal = knownRenewals.get(completed.renewalId());
            notify(received, renewal.partnerId(), renewal.recipient(), renewalCompleted.compose(renewal, completed));
        } else {
            log.debug("{} {} of renewal {} asks nothing of a partner: no message", event.getClass().getSimpleName(),
                    received.eventId(), event.renewalId());
        }
    }

    private void remember(RenewalStarted started) {
        knownRenewals.remember(new KnownRenewal(started.renewalId(), started.partnerId(), started.alias(),
                started.playbook()), started.at());
        log.info("renewal {} of alias {} with partner {} ({}) remembered; its messages go to the {}",
                started.renewalId(), started.alias(), started.partnerId(), started.playbook(),
                started.playbook().partnerRole());
    }

    private void notify(ReceivedEvent received, PartnerId partnerId, PartnerRole recipient, PartnerMessage message) {
        RenewalId renewalId = received.event().renewalId();
        delivery.deliverOnce(new PartnerNotification(received.eventId() + ":" + recipient, partnerId, renewalId,
                recipient, message.kind(), message.subject(), message.body(), message.attachments(),
                message.expectedConfirmation(), received.eventId(), received.event().at()));
    }
}
