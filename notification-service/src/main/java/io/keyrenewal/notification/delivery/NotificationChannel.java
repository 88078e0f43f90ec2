package io.keyrenewal.notification.delivery;

import java.util.concurrent.CompletableFuture;

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

    /**
     * Starts handing the message over; the future completes once the channel acknowledged it, or fails with
     * {@link DeliveryFailed}. Channels that can have many messages on their way at once (Kafka) override this; the
     * others deliver before they return.
     */
    default CompletableFuture<Void> send(PendingDelivery delivery) {
        try {
            deliver(delivery);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
