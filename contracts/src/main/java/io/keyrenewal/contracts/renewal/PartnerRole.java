package io.keyrenewal.contracts.renewal;

/** The roles of the playbooks that act and are told: the partner's administrators, and the tenant's. */
public enum PartnerRole {
    SENDER_ADMINISTRATOR, RECEIVER_ADMINISTRATOR,
    /** The tenant's own administrator: receives escalations and alerts. */
    TENANT_ADMINISTRATOR;

    /** The partner administrator who acted in renewals of {@code playbook} stored before their events named it. */
    static PartnerRole before(Playbook playbook) {
        return switch (playbook) {
            case TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME ->
                    SENDER_ADMINISTRATOR;
            case TENANT_DECRYPTS_OUTBOUND_RESPONSE -> RECEIVER_ADMINISTRATOR;
            default -> throw new IllegalArgumentException("a renewal of " + playbook + " (a playbook added after the"
                    + " field) always carries its partner role");
        };
    }
}
