package io.keyrenewal.keystore;

/**
 * The keystore could not carry out an operation a renewal asked for. The message says why, readable by an operator,
 * and never contains key material. Reported as {@code KeystoreOperationFailed}.
 */
public abstract class KeystoreFailure extends RuntimeException {

    protected KeystoreFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
