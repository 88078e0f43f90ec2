package io.keyrenewal.contracts.renewal;

/** The roles of the playbooks that act and are told: the partner's administrators, and the tenant's. */
public enum PartnerRole {
    SENDER_ADMINISTRATOR, RECEIVER_ADMINISTRATOR,
    /** The tenant's own administrator: receives escalations and alerts. */
    TENANT_ADMINISTRATOR
}
