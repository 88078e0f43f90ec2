package io.keyrenewal.contracts.renewal;

/** The renewal playbooks of the source documents (see docs/domain.md). */
public enum Playbook {
    /** Playbook 1: tenant signs inbound response, sender verifies old and new at once (no downtime). */
    TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
    /** Playbook 2: tenant signs inbound response, sender verifies one key at a time (agreed downtime). */
    TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME,
    /** Playbook 3: tenant decrypts outbound response (no downtime). */
    TENANT_DECRYPTS_OUTBOUND_RESPONSE
}
