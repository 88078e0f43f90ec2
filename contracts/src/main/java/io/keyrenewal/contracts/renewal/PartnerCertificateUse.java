package io.keyrenewal.contracts.renewal;

/**
 * What the tenant does with a partner's certificate that a renewal replaces, from the playbook: the partner's messages
 * say so, and the checks of the new certificate follow from it (the keystore encrypts to RSA keys only).
 */
public enum PartnerCertificateUse {
    /** The tenant verifies the partner's signatures with it (playbooks 6 and 7). */
    VERIFY_SIGNATURES,
    /** The tenant encrypts the messages it sends the partner to it (playbooks 8 to 11). */
    ENCRYPT_TO_PARTNER;

    /** What renewals of a partner's certificate recorded before the field existed did: they verified. */
    public static PartnerCertificateUse orBefore(PartnerCertificateUse use) {
        return use == null ? VERIFY_SIGNATURES : use;
    }
}
