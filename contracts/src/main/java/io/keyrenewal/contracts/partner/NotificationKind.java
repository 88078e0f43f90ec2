package io.keyrenewal.contracts.partner;

/** What a notification is about; one kind per event that asks someone to act or informs them. */
public enum NotificationKind {
    /** A new certificate is attached; configure it as the message says (verify both, exchange at the downtime, or
     *  encrypt with it) and confirm. */
    CERTIFICATE_PROVIDED,
    /** Playbook 2: the tenant proposes a downtime window; accept it by confirming DOWNTIME_ACCEPTED. */
    DOWNTIME_PROPOSED,
    /** Playbook 2: the downtime window is agreed; stop sending at its start and confirm. */
    DOWNTIME_AGREED,
    /** Playbooks 1 and 2: the tenant exchanged the key pair; remove the old certificate / resume sending. */
    KEY_PAIR_EXCHANGED,
    /** The partner's confirmation was accepted; says what comes next (e.g. until when the old key is kept). */
    CONFIRMATION_RECEIVED,
    /** A reminder: the partner's step is overdue. */
    STEP_OVERDUE,
    /** To the tenant administrator: a partner step stayed overdue. */
    STEP_ESCALATED,
    /** To the tenant administrator: the sender has not resumed by the end of the downtime window. */
    DOWNTIME_OVERRUN,
    /** The renewal is complete; the old key pair no longer exists on the tenant side. */
    RENEWAL_COMPLETED,
    /** The renewal was aborted before the exchange; keep using the old certificate. */
    RENEWAL_ABORTED,
    /** The exchange was rolled back: the old key signs again. */
    RENEWAL_ROLLED_BACK,
    /** To the tenant administrator: the keystore could not carry out a step; retry it, or abort or resolve. */
    KEYSTORE_STEP_FAILED,
    /** To the tenant administrator: the partner refused its step, with its reason; abort (and start a new renewal
     *  with another certificate), roll back, or agree with the partner, who may still confirm. */
    STEP_REFUSED,
    /** To the partner: send the certificate of your new key pair (a renewal of the partner's certificate). */
    PARTNER_CERTIFICATE_REQUESTED,
    /** To the partner: your new certificate is imported (its fingerprint echoed); switch to your new key. */
    PARTNER_CERTIFICATE_IMPORTED,
    /** To the partner (playbooks 11, 12): the tenant's integration flow is undeployed until it is redeployed. */
    INTEGRATION_FLOW_UNDEPLOYED,
    /** To the partner (playbooks 11, 12): the tenant's integration flow is redeployed; it sends again. */
    INTEGRATION_FLOW_REDEPLOYED,
    /** To the tenant administrator, about an alias (the expiry watch): its certificate expires within a tier's days;
     *  says whether a renewal is under way. */
    CERTIFICATE_EXPIRING,
    /** To the tenant administrator, about an alias: the expiry watch started a renewal of it by its policy; the
     *  renewal's own messages follow. */
    RENEWAL_STARTED_BY_POLICY,
    /** To the tenant administrator, about an alias: the policy's renewal could not start, with the reason and when
     *  the watch tries again. */
    RENEWAL_BY_POLICY_NOT_STARTED,
    /** To the tenant administrator, about an alias: an escalation, its certificate expired and no renewal replaced
     *  it. */
    CERTIFICATE_EXPIRED_UNRENEWED
}
