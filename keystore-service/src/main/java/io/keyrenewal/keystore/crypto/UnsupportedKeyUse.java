package io.keyrenewal.keystore.crypto;

import io.keyrenewal.keystore.KeystoreFailure;

/** The named key pair cannot do what was asked (e.g. an EC key asked to decrypt, an unknown algorithm). */
public class UnsupportedKeyUse extends KeystoreFailure {

    UnsupportedKeyUse(String reason) {
        super(reason, null);
    }
}
