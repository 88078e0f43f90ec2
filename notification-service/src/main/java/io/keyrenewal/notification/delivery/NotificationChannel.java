package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.partner.PartnerNotification;

/** Port: a way to reach partner administrators (Kafka today; e-mail and webhooks later). */
public interface NotificationChannel {

    /** Short name kept in the delivery log, e.g. {@code kafka}. */
    String name();

    /**
     * Hands {@code notification} over and returns once the channel has acknowledged it.
     *
     * @throws DeliveryFailed if it was not acknowledged
     */
    void deliver(PartnerNotification notification);
}
