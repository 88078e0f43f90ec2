package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.partner.PartnerNotification;

/**
 * A message due over one channel.
 *
 * @param attempts how often it was tried before
 */
public record PendingDelivery(PartnerNotification notification, String html, Address address, int attempts) {

    public String notificationId() {
        return notification.notificationId();
    }

    public String channel() {
        return address.channel();
    }
}
