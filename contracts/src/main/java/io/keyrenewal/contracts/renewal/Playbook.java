package io.keyrenewal.contracts.renewal;

/**
 * The renewal playbooks, by name: renewal-service's catalogue defines each (its steps, who takes them, its number and
 * title, {@code GET /playbooks}); events carry what their consumers need, so a consumer does not branch on the name.
 * Playbooks 1 to 3 are those of the source documents (see docs/domain.md), the others from the same documentation set.
 */
public enum Playbook {
    /** Playbook 1: tenant signs inbound response, sender verifies old and new at once (no downtime). */
    TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
    /** Playbook 2: tenant signs inbound response, sender verifies one key at a time (agreed downtime). */
    TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME,
    /** Playbook 3: tenant decrypts outbound response (no downtime). */
    TENANT_DECRYPTS_OUTBOUND_RESPONSE,
    /** Playbook 4: tenant decrypts inbound request (no downtime). */
    TENANT_DECRYPTS_INBOUND_REQUEST,
    /** Playbook 5: tenant signs outbound request, receiver verifies old and new at once (no downtime). */
    TENANT_SIGNS_OUTBOUND_REQUEST_VERIFY_BOTH,
    /** Playbook 6: tenant verifies inbound request: the sender's new certificate replaces its old one. */
    TENANT_VERIFIES_INBOUND_REQUEST,
    /** Playbook 7: tenant verifies outbound response: the receiver's new certificate replaces its old one. */
    TENANT_VERIFIES_OUTBOUND_RESPONSE,
    /** Playbook 8: tenant encrypts inbound response, the sender decrypts with its old and new key at once. */
    TENANT_ENCRYPTS_INBOUND_RESPONSE_DECRYPT_BOTH,
    /** Playbook 9: tenant encrypts inbound response, the sender decrypts with one key at a time (agreed downtime). */
    TENANT_ENCRYPTS_INBOUND_RESPONSE_WITH_DOWNTIME,
    /** Playbook 10: tenant encrypts outbound request, the receiver decrypts with its old and new key at once. */
    TENANT_ENCRYPTS_OUTBOUND_REQUEST_DECRYPT_BOTH,
    /**
     * Playbook 11: tenant encrypts outbound request, the receiver decrypts with one key at a time: agreed downtime,
     * the integration flow undeployed and redeployed by the integration developer.
     */
    TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME,
    /**
     * Playbook 12: tenant signs outbound request, the receiver verifies one key at a time: agreed downtime, the
     * integration flow undeployed and redeployed by the integration developer.
     */
    TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME
}
