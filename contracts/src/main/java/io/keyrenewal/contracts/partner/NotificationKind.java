package io.keyrenewal.contracts.partner;

/** What a partner notification is about. */
public enum NotificationKind {
    /** A new certificate is attached; configure it as the message says and confirm. */
    CERTIFICATE_PROVIDED,
    /** The partner's confirmation was accepted; says until when the tenant keeps the old key. */
    CONFIRMATION_RECEIVED,
    /** The renewal is complete; the old key pair no longer exists on the tenant side. */
    RENEWAL_COMPLETED
}
