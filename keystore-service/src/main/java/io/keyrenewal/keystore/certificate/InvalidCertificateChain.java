package io.keyrenewal.keystore.certificate;

import io.keyrenewal.keystore.KeystoreFailure;

/** A CA's certificate chain cannot be stored; the message says what is wrong with it. Nothing was changed. */
public class InvalidCertificateChain extends KeystoreFailure {

    public InvalidCertificateChain(String reason) {
        super(reason, null);
    }
}
