package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.notification.delivery.NotificationOutbox;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.KnownRenewals;
import io.keyrenewal.notification.renewal.RenewedKey;
import io.keyrenewal.notification.template.RenderedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When a renewal event asks someone to act or informs them, then a message goes to each recipient, identified by
 * {@code <event id>:<recipient role>} so that a redelivered event yields the same message id.
 */
@Component
public class PartnerNotificationPolicy {

    private static final Logger log = LoggerFactory.getLogger(PartnerNotificationPolicy.class);

    private final KnownRenewals knownRenewals;
    private final RenewalMessages messages;
    private final NotificationOutbox outbox;

    public PartnerNotificationPolicy(KnownRenewals knownRenewals, RenewalMessages messages,
                                     NotificationOutbox outbox) {
        this.knownRenewals = knownRenewals;
        this.messages = messages;
        this.outbox = outbox;
    }

    public void on(ReceivedEvent received) {
        RenewalEvent event = received.event();
        if (event instanceof RenewalStarted started) {
            remember(started);
            return;
        }
        keepTrackOf(event);
        if (!messages.tellsSomeone(event)) {
            log.debug("{} {} of renewal {} asks nothing of anyone: no message", event.getClass().getSimpleName(),
                    received.eventId(), event.renewalId());
            return;
        }
        KnownRenewal renewal = knownRenewals.get(event.renewalId());
        for (RenewalMessages.Composed composed : messages.of(renewal, event)) {
            notify(received, renewal, composed);
        }
    }

    private void remember(RenewalStarted started) {
        knownRenewals.remember(new KnownRenewal(started.renewalId(), started.partnerId(), started.alias(),
                started.playbook(), started.partnerRole(), RenewedKey.of(started.newKeyPair()),
                started.partnerCertificateUse()), started.at());
        log.info("renewal {} of alias {} with partner {} ({}, renews the {}{}) remembered; its messages go to the {}",
                started.renewalId(), started.alias(), started.partnerId(), started.playbook(),
                RenewedKey.of(started.newKeyPair()), started.partnerCertificateUse() == null ? ""
                        : " to " + started.partnerCertificateUse(), started.partnerRole());
    }

    /**
     * What later messages of the renewal depend on: the renewal itself where its start was not seen (the first event
     * that asks the partner for something says what it renews), the downtime agreed, the exchange of the key pair.
     */
    private void keepTrackOf(RenewalEvent event) {
        if (event instanceof CertificateProvided provided) {
            knownRenewals.remember(new KnownRenewal(provided.renewalId(), provided.partnerId(), provided.alias(),
                    provided.playbook(), provided.recipient(), RenewedKey.TENANT_KEY_PAIR), provided.at());
        } else if (event instanceof PartnerCertificateRequested requested) {
            knownRenewals.remember(new KnownRenewal(requested.renewalId(), requested.partnerId(), requested.alias(),
                    requested.playbook(), requested.recipient(), RenewedKey.PARTNER_CERTIFICATE, requested.use()),
                    requested.at());
        } else if (event instanceof DowntimeAgreed agreed) {
            knownRenewals.recordDowntime(agreed.renewalId(), agreed.windowEnd());
        } else if (event instanceof KeyPairExchanged exchanged) {
            knownRenewals.recordKeyPairExchange(exchanged.renewalId(), exchanged.at());
        }
    }

    private void notify(ReceivedEvent received, KnownRenewal renewal, RenewalMessages.Composed composed) {
        PartnerMessage message = composed.message();
        RenderedMessage rendered = composed.rendered();
        outbox.queue(new PartnerNotification(received.eventId() + ":" + message.recipient(),
                renewal.partnerId(), renewal.renewalId(), message.recipient(), message.kind(), rendered.subject(),
                rendered.text(), message.attachments(), message.expectedConfirmation(), received.eventId(),
                received.event().at(), renewal.alias()), rendered.html());
    }
}
