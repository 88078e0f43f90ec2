package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.PartnerNotification;

import java.time.Instant;
import java.util.List;

/**
 * Port: every message and its delivery over each channel, keyed by (notification id, channel). It is the outbox the
 * dispatcher works from and what makes a redelivered event or a restart produce no second message.
 */
public interface DeliveryLog {

    /**
     * Records {@code notification} and one {@link DeliveryStatus#QUEUED} delivery per address, due at {@code now};
     * a notification recorded before stays as it is, deliveries and all, whatever the addresses are now.
     */
    void enqueue(PartnerNotification notification, String html, List<Address> addresses, Instant now);

    /** QUEUED or FAILED deliveries due at {@code now}, oldest first. */
    List<PendingDelivery> due(Instant now, int limit);

    /** The channel acknowledged each of them: one more attempt, status {@link DeliveryStatus#SENT}. */
    void markSent(List<PendingDelivery> deliveries, Instant sentAt);

    /** The attempt failed: one more attempt, status {@link DeliveryStatus#FAILED}, tried again at {@code retryAt}. */
    void markFailed(PendingDelivery delivery, String reason, Instant retryAt);

    /** The last attempt failed: one more attempt, status {@link DeliveryStatus#PARKED}, never tried again. */
    void markParked(PendingDelivery delivery, String reason);

    /** The log rows of one renewal, oldest first. */
    List<DeliveryRecord> forRenewal(RenewalId renewalId);
}
