package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.KeystoreFailure;

/** The requested alias cannot name a keystore entry. */
public class InvalidAlias extends KeystoreFailure {

    InvalidAlias(String alias) {
        super("'" + alias + "' is not a keystore alias: use 1-64 letters, digits, '.', '_' or '-', starting with a"
                + " letter or digit, without '" + KeystoreAlias.RETAINED_MARKER + "' or '" + KeystoreAlias.STAGED_MARKER
                + "'", null);
    }
}
