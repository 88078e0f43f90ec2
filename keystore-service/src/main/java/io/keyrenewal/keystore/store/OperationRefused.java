package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.KeystoreFailure;

/** The keystore's state does not allow what was asked (no such staged key, retention not elapsed, ...). */
public class OperationRefused extends KeystoreFailure {

    OperationRefused(String reason) {
        super(reason, null);
    }
}
