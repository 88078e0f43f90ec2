package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.partner.PartnerNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Delivers each notification once in effect: recorded before it is sent, skipped once it is recorded as sent. A
 * crash between the channel's acknowledgement and the log update sends it again under the same notification id.
 */
@Component
public class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    private final DeliveryLog deliveryLog;
    private final NotificationChannel channel;
    private final Clock clock;

    public NotificationDelivery(DeliveryLog deliveryLog, NotificationChannel channel, Clock clock) {
        this.deliveryLog = deliveryLog;
        this.channel = channel;
        this.clock = clock;
    }

    public void deliverOnce(PartnerNotification notification) {
        String id = notification.notificationId();
        DeliveryStatus status = deliveryLog.queueIfAbsent(notification, channel.name(), clock.instant());
        if (status == DeliveryStatus.SENT) {
            log.info("{} {} of renewal {} was already sent to partner {}: not sent again", notification.kind(), id,
                    notification.renewalId(), notification.partnerId());
            return;
        }
        try {
            channel.deliver(notification);
        } catch (RuntimeException e) {
            deliveryLog.markFailed(id, e.getMessage());
            throw e;
        }
        deliveryLog.markSent(id, clock.instant());
        log.info("{} {} of renewal {} sent to the {} of partner {} over {}", notification.kind(), id,
                notification.renewalId(), notification.recipient(), notification.partnerId(), channel.name());
    }
}
