package io.keyrenewal.notification.delivery;

/** Where the delivery of a message over one channel stands in the delivery log. */
public enum DeliveryStatus {
    /** Recorded, not yet acknowledged by the channel (also after a restart mid-delivery: it is tried then). */
    QUEUED,
    /** The channel acknowledged it; it is never sent again. */
    SENT,
    /** The last attempt failed; it is tried again at {@code nextAttemptAt}. */
    FAILED,
    /** Every attempt failed: given up (dead-lettered), the tenant administrator is alerted. */
    PARKED
}
