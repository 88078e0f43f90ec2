package io.keyrenewal.notification.renewal;

import io.keyrenewal.contracts.RenewalId;

/** An event names a renewal whose start this service never saw, so it cannot tell whom to notify. */
public class UnknownRenewal extends RuntimeException {

    public UnknownRenewal(RenewalId renewalId) {
        super("renewal " + renewalId + " is unknown to the notification service: no RenewalStarted was received for it");
    }
}
