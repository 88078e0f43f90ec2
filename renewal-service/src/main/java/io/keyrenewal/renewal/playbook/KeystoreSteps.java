package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.renewal.CertificateRequestedFromCa;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.KeystoreStepResolved;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.StagedKeyPairDiscarded;

/** Which events say that a keystore step succeeded (or was settled), ending a failure the renewal waits on. */
public final class KeystoreSteps {

    private KeystoreSteps() {
    }

    public static boolean succeeded(RenewalEvent event) {
        return event instanceof NewKeyPairCreated || event instanceof CertificateRequestedFromCa
                || event instanceof KeyPairExchanged || event instanceof KeyPairRolledBack
                || event instanceof StagedKeyPairDiscarded || event instanceof OldKeyPairRemoved
                || event instanceof KeystoreStepResolved;
    }
}
