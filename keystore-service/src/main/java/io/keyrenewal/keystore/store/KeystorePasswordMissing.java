package io.keyrenewal.keystore.store;

/** The service has no keystore password, so it does not start. The message says what to set. */
public class KeystorePasswordMissing extends IllegalStateException {

    KeystorePasswordMissing(String reason) {
        super(reason);
    }
}
