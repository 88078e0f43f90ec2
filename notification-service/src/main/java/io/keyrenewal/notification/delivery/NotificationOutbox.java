package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.partner.PartnerNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Queues a message once per channel of its recipient; the {@link DeliveryDispatcher} sends it at once. Queuing the same
 * message again (a redelivered event) changes nothing, so each (event, recipient, channel) is delivered once in
 * effect.
 */
@Component
public class NotificationOutbox {

    private static final Logger log = LoggerFactory.getLogger(NotificationOutbox.class);

    private final DeliveryLog deliveryLog;
    private final Recipients recipients;
    private final DispatchSignal dispatch;
    private final Clock clock;

    NotificationOutbox(DeliveryLog deliveryLog, Recipients recipients, DispatchSignal dispatch, Clock clock) {
        this.deliveryLog = deliveryLog;
        this.recipients = recipients;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    public void queue(PartnerNotification notification, String html) {
        List<Address> addresses = recipients.addressesOf(notification.partnerId(), notification.recipient());
        deliveryLog.enqueue(notification, html, addresses, clock.instant());
        dispatch.queued();
        log.info("{} {} of {} for the {} queued on {}", notification.kind(), notification.notificationId(),
                NotificationSubjects.of(notification), notification.recipient(),
                addresses.stream().map(Address::channel).toList());
    }
}
