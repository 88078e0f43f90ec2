package io.keyrenewal.notification.delivery;

/** A channel did not acknowledge a notification; the message says which and why. */
public class DeliveryFailed extends RuntimeException {

    public DeliveryFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
