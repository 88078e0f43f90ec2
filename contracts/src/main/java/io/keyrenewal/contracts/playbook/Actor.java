package io.keyrenewal.contracts.playbook;

/** Who takes a step. */
public enum Actor {
    /** The tenant administrator (a REST command), or the system on the tenant's behalf when the renewal is automatic. */
    TENANT,
    /** The partner's administrator: a partner confirmation. */
    PARTNER,
    /** The keystore service: a keystore report. */
    KEYSTORE,
    /** The renewal itself, as soon as the step's preconditions hold (or its deadline falls due). */
    SYSTEM
}
