package io.keyrenewal.notification.delivery;

/** Port: a way to reach partner and tenant administrators (Kafka, e-mail, webhook). */
public interface NotificationChannel {

    /** Short name kept in the delivery log: {@code kafka}, {@code email}, {@code webhook}. */
    String name();

    /**
     * Hands the message over to {@code delivery.address()} and returns once the channel has acknowledged it.
     *
     * @throws DeliveryFailed if it was not acknowledged
     */
    void deliver(PendingDelivery delivery);
}
