package io.keyrenewal.keystore.issuance;

import io.keyrenewal.keystore.KeystoreFailure;

/** No key pair of the alias awaits a CA's certificate (any more): nothing to import it into. */
public class NoCertificateAwaited extends KeystoreFailure {

    NoCertificateAwaited(String reason) {
        super(reason, null);
    }
}
