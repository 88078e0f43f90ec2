package io.keyrenewal.keystore.crypto;

import io.keyrenewal.keystore.KeystoreFailure;

/** The alias holds no usable key pair of that name. */
public class UnknownKey extends KeystoreFailure {

    UnknownKey(String reason) {
        super(reason, null);
    }
}
