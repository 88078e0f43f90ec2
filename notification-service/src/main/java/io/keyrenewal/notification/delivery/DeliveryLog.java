package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.PartnerNotification;

import java.time.Instant;
import java.util.List;

/**
 * Port: the record of every partner notification and its delivery, keyed by notification id. It is what makes a
 * redelivered event produce no second message.
 */
public interface DeliveryLog {

    /**
     * Records {@code notification} as {@link DeliveryStatus#QUEUED} on {@code channel} unless its id is already
     * recorded.
     *
     * @return the status the notification has now
     */
    DeliveryStatus queueIfAbsent(PartnerNotification notification, String channel, Instant now);

    /** The channel acknowledged the notification: one more attempt, status {@link DeliveryStatus#SENT}. */
    void markSent(String notificationId, Instant sentAt);

    /** The attempt failed: one more attempt, status {@link DeliveryStatus#FAILED}, {@code reason} kept. */
    void markFailed(String notificationId, String reason);

    /** The log rows of one renewal, oldest first. */
    List<DeliveryRecord> forRenewal(RenewalId renewalId);
}
