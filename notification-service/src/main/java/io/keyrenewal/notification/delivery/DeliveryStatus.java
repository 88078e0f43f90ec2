package io.keyrenewal.notification.delivery;

/** Where a partner notification stands in the delivery log. */
public enum DeliveryStatus {
    /** Recorded, not yet acknowledged by the channel. */
    QUEUED,
    /** The channel acknowledged it; it is never sent again. */
    SENT,
    /** The last attempt failed; a redelivered event tries again. */
    FAILED
}
