package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.KeystoreFailure;

/** The keystore file cannot be read or written (I/O, wrong password, damaged file). */
public class KeystoreUnavailable extends KeystoreFailure {

    KeystoreUnavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
