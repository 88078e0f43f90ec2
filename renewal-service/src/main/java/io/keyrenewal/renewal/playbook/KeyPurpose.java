package io.keyrenewal.renewal.playbook;

/** What the renewed key does in the tenant's integration flows; the catalogue says which playbooks renew it. */
public enum KeyPurpose {
    /** Signs the response to an inbound request: playbook 1 or 2, by the partner's capability. */
    SIGN_INBOUND_RESPONSE,
    /** Decrypts the response to an outbound request: playbook 3. */
    DECRYPT_OUTBOUND_RESPONSE
}
