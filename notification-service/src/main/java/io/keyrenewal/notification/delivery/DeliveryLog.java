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

    /**
     * Claims up to {@code limit} deliveries due at {@code now}, oldest first, for the caller alone: QUEUED or FAILED
     * ones, and SENDING ones whose lease ran out. They become {@link DeliveryStatus#SENDING} until
     * {@code leaseUntil}; every instance on the same database claims different ones (rows another claim holds
     * locked are skipped, not waited for).
     */
    List<PendingDelivery> claimDue(Instant now, int limit, Instant leaseUntil);

    /** The channel acknowledged each of them: one more attempt, status {@link DeliveryStatus#SENT}. */
    void markSent(List<PendingDelivery> deliveries, Instant sentAt);

    /**
     * The attempt failed: one more attempt, status {@link DeliveryStatus#FAILED}, tried again at {@code retryAt};
     * unless it was SENT meanwhile (by an instance that took it over after the lease ran out).
     */
    void markFailed(PendingDelivery delivery, String reason, Instant retryAt);

    /** The last attempt failed: one more attempt, status {@link DeliveryStatus#PARKED}, never tried again (unless SENT). */
    void markParked(PendingDelivery delivery, String reason);

    /** The log rows of one renewal, oldest first. */
    List<DeliveryRecord> forRenewal(RenewalId renewalId);

    /**
     * The log rows of the messages about one alias of the tenant keystore, oldest first: the expiry watch's messages
     * to the tenant administrator, and those of renewals composed since the alias was kept with them.
     */
    List<DeliveryRecord> forAlias(String alias);
}
