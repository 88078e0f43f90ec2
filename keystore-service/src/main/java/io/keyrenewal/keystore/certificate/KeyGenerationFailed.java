package io.keyrenewal.keystore.certificate;

import io.keyrenewal.keystore.KeystoreFailure;

/** No key pair or certificate could be made, e.g. the JVM lacks the algorithm. */
public class KeyGenerationFailed extends KeystoreFailure {

    public KeyGenerationFailed(String reason, Throwable cause) {
        super(reason, cause);
    }
}
