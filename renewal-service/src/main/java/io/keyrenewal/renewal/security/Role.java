package io.keyrenewal.renewal.security;

/** Who may do what with the REST API. A user may hold several roles. */
public enum Role {
    /** Starts renewals, takes the tenant's steps (approve, drain, downtime, abort, roll back), manages partners. */
    TENANT_ADMIN,
    /** Reads renewals and their history, exports, verifies, replays and republishes. */
    AUDITOR,
    /** A partner system's administrator: confirms its own renewals' steps and reads their state. */
    PARTNER;
}
