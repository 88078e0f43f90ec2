package io.keyrenewal.notification.delivery;

/** Where the delivery of a message over one channel stands in the delivery log. */
public enum DeliveryStatus {
    /** Recorded, not yet claimed by an instance to be sent. */
    QUEUED,
    /**
     * Claimed by one instance, which is sending it; no other instance takes it before {@code nextAttemptAt} (the
     * lease). If the lease runs out first (that instance died or restarted mid-send), any instance takes it again.
     */
    SENDING,
    /** The channel acknowledged it; it is never sent again. */
    SENT,
    /** The last attempt failed; it is tried again at {@code nextAttemptAt}. */
    FAILED,
    /** Every attempt failed: given up (dead-lettered), the tenant administrator is alerted. */
    PARKED
}
