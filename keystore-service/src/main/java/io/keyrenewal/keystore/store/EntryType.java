package io.keyrenewal.keystore.store;

/**
 * What an entry holds. An alias holds entries of one type only: the tenant's key pairs (sign, decrypt), or a
 * partner's certificates (verify, encrypt), as trusted-certificate entries without any private key.
 */
public enum EntryType {
    /** A private key with its certificate chain (a PKCS#12 key bag). */
    KEY_PAIR("key pair"),
    /** A partner's certificate, no private key (a PKCS#12 trusted-certificate bag). */
    PARTNER_CERTIFICATE("partner certificate");

    private final String noun;

    EntryType(String noun) {
        this.noun = noun;
    }

    /** How a message names an entry of this type: "key pair", "partner certificate". */
    public String noun() {
        return noun;
    }
}
