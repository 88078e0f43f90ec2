package io.keyrenewal.contracts.playbook;

import io.keyrenewal.contracts.renewal.PartnerCertificateUse;

/** What the renewed key does in the tenant's integration flows; the catalogue says which playbooks renew it. */
public enum KeyPurpose {
    /** Signs the response to an inbound request: playbook 1 or 2, by the partner's capability. */
    SIGN_INBOUND_RESPONSE,
    /** Decrypts the response to an outbound request: playbook 3. */
    DECRYPT_OUTBOUND_RESPONSE,
    /** Decrypts an inbound request: playbook 4. */
    DECRYPT_INBOUND_REQUEST,
    /**
     * Signs an outbound request: playbook 5 for a receiver that verifies both keys at once, 12 (agreed downtime, the
     * integration flow undeployed and redeployed) for one that verifies one key at a time.
     */
    SIGN_OUTBOUND_REQUEST,
    /** Verifies the sender's signature on an inbound request (a partner's certificate): playbook 6. */
    VERIFY_INBOUND_REQUEST,
    /** Verifies the receiver's signature on the response to an outbound request (a partner's certificate): 7. */
    VERIFY_OUTBOUND_RESPONSE,
    /**
     * Encrypts the response to an inbound request to the sender (a partner's certificate): playbook 8 for a sender that
     * decrypts with both keys at once, 9 (agreed downtime) for one that decrypts with one key at a time.
     */
    ENCRYPT_INBOUND_RESPONSE,
    /**
     * Encrypts an outbound request to the receiver (a partner's certificate): playbook 10 for a receiver that decrypts
     * with both keys at once, 11 (agreed downtime, the integration flow undeployed and redeployed) for one that
     * decrypts with one key at a time.
     */
    ENCRYPT_OUTBOUND_REQUEST;

    /** What the tenant does with the partner's certificate where this key is one; null where it is the tenant's. */
    public PartnerCertificateUse partnerCertificateUse() {
        return switch (this) {
            case VERIFY_INBOUND_REQUEST, VERIFY_OUTBOUND_RESPONSE -> PartnerCertificateUse.VERIFY_SIGNATURES;
            case ENCRYPT_INBOUND_RESPONSE, ENCRYPT_OUTBOUND_REQUEST -> PartnerCertificateUse.ENCRYPT_TO_PARTNER;
            default -> null;
        };
    }
}
