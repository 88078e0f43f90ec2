package io.keyrenewal.keystore.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says plainly, at startup, why the service refuses to start without a keystore password and what to set. */
class KeystorePasswordFailureAnalyzer extends AbstractFailureAnalyzer<KeystorePasswordMissing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeystorePasswordMissing cause) {
        return new FailureAnalysis("keystore-service refuses to start: " + cause.getMessage(),
                "Set the environment variable KEYSTORE_PASSWORD, or KEYSTORE_PASSWORD_FILE to a file (e.g. a mounted"
                        + " secret) holding the password. For the local stack only, run with"
                        + " SPRING_PROFILES_ACTIVE=local.", cause);
    }
}
