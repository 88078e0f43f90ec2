package io.keyrenewal.contracts.renewal;

/** The partner-side roles of the playbooks. */
public enum PartnerRole {
    SENDER_ADMINISTRATOR, RECEIVER_ADMINISTRATOR
}
