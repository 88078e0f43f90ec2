package io.keyrenewal.contracts.renewal;

/**
 * What the partner is asked to do with the new certificate a renewal provides, as the renewal's playbook decides it:
 * the partner's message says so without knowing the playbook.
 */
public enum CertificateUse {
    /** Verify the tenant's signatures with the old and the new certificate at once, keep the old (playbook 1). */
    VERIFY_WITH_BOTH,
    /** Prepare to exchange the old certificate for the new one at a downtime the tenant proposes next (playbook 2). */
    EXCHANGE_AT_DOWNTIME,
    /** Encrypt to the tenant with the new certificate from now on and drop the old one (playbook 3). */
    ENCRYPT_WITH_NEW;

    /**
     * What renewals stored before the instruction existed meant, by their playbook; null for a playbook added since
     * (its events always carry the instruction).
     */
    static CertificateUse before(Playbook playbook) {
        return switch (playbook) {
            case TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH -> VERIFY_WITH_BOTH;
            case TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME -> EXCHANGE_AT_DOWNTIME;
            case TENANT_DECRYPTS_OUTBOUND_RESPONSE -> ENCRYPT_WITH_NEW;
            default -> null;
        };
    }
}
