package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.KeystoreFailure;

/** A removal named the alias's current key pair; only retained key pairs are ever removed. */
public class RemovalRefused extends KeystoreFailure {

    RemovalRefused(String reason) {
        super(reason, null);
    }
}
