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
    TENANT_VERIFIES_OUTBOUND_RESPONSE
}
