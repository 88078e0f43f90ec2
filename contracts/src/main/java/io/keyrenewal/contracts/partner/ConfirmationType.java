package io.keyrenewal.contracts.partner;

/** One type per partner step of the playbooks. */
public enum ConfirmationType {
    /** Playbook 1, step 4: the sender verifies payloads signed by the old and by the new key. */
    VERIFIES_BOTH,
    /** Playbook 1, step 7: the sender removed the old certificate. */
    OLD_CERTIFICATE_REMOVED,
    /** Playbook 2, step 3: the sender accepted the proposed downtime window. */
    DOWNTIME_ACCEPTED,
    /** Playbook 2, step 4: the sender stopped sending signed messages. */
    SENDING_STOPPED,
    /** Playbook 2, step 5: the sender exchanged the old certificate with the new one. */
    CERTIFICATE_EXCHANGED,
    /** Playbook 2, step 10: the sender resumed sending. */
    SENDING_RESUMED,
    /**
     * Playbook 3, steps 4-6: the receiver encrypts with the new certificate and removed the old one; in the renewals of
     * a partner's certificate, the partner signs (or decrypts) with its new key from now on.
     */
    SWITCHED_TO_NEW_KEY,
    /**
     * The partner sends the certificate of its new key pair in the confirmation's {@code certificate} (PEM), for the
     * renewals of a partner's certificate (the tenant verifies the partner's signatures or encrypts to it).
     */
    NEW_CERTIFICATE
}
