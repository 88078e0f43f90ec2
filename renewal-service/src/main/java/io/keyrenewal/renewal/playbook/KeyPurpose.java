package io.keyrenewal.renewal.playbook;

/** What the renewed key does in the tenant's integration flows; the catalogue says which playbooks renew it. */
public enum KeyPurpose {
    /** Signs the response to an inbound request: playbook 1 or 2, by the partner's capability. */
    SIGN_INBOUND_RESPONSE,
    /** Decrypts the response to an outbound request: playbook 3. */
    DECRYPT_OUTBOUND_RESPONSE,
    /** Decrypts an inbound request: playbook 4. */
    DECRYPT_INBOUND_REQUEST,
    /**
     * Signs an outbound request: playbook 5 for a receiver that verifies both keys at once (the one with agreed
     * downtime and an undeploy of the integration flow is not in the catalogue yet: a renewal for a receiver that
     * verifies one key at a time is refused with that reason).
     */
    SIGN_OUTBOUND_REQUEST,
    /** Verifies the sender's signature on an inbound request (a partner's certificate): playbook 6. */
    VERIFY_INBOUND_REQUEST,
    /** Verifies the receiver's signature on the response to an outbound request (a partner's certificate): 7. */
    VERIFY_OUTBOUND_RESPONSE
}
