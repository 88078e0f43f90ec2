package io.keyrenewal.contracts.playbook;

/** A step of a playbook that, once done, stays done. Each is recorded by exactly one event. */
public enum Milestone {
    KEY_PAIR_CREATED,
    /** The partner is asked for the certificate of its new key pair (renewals of a partner's certificate). */
    PARTNER_CERTIFICATE_REQUESTED,
    /** The partner sent it, signed, and it passed the checks. */
    PARTNER_CERTIFICATE_RECEIVED,
    /** The keystore holds it as the alias's active partner certificate, the old one retained. */
    PARTNER_CERTIFICATE_IMPORTED,
    CERTIFICATE_PROVIDED,
    PARTNER_VERIFIES_BOTH,
    DOWNTIME_PROPOSED,
    DOWNTIME_AGREED,
    SENDER_STOPPED_SENDING,
    SENDER_EXCHANGED_CERTIFICATE,
    /** The integration developer undeployed the tenant's integration flow for an agreed downtime. */
    FLOW_UNDEPLOYED,
    DRAIN_CONFIRMED,
    EXCHANGE_APPROVED,
    EXCHANGE_DECIDED,
    KEY_PAIR_EXCHANGED,
    PARTNER_INFORMED_OF_EXCHANGE,
    PARTNER_REMOVED_OLD_CERTIFICATE,
    SENDER_RESUMED_SENDING,
    /** The integration developer redeployed the tenant's integration flow: the downtime is over. */
    FLOW_REDEPLOYED,
    PARTNER_SWITCHED_TO_NEW_KEY,
    OLD_KEY_PAIR_REMOVAL_DECIDED,
    OLD_KEY_PAIR_REMOVED,
    COMPLETED
}
