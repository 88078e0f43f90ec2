package io.keyrenewal.keystore.certificate;

import io.keyrenewal.keystore.KeystoreFailure;

/**
 * A partner's certificate cannot be taken into the keystore; the message says why, for the tenant administrator and
 * the partner, and never repeats the input (which might hold a private key). Nothing was changed.
 */
public class InvalidPartnerCertificate extends KeystoreFailure {

    public InvalidPartnerCertificate(String reason) {
        super(reason, null);
    }
}
