package io.keyrenewal.contracts.keystore;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The keystore re-activated the archived key pair {@code reactivated} under {@code alias}; the new one is archived. */
public record KeyPairRollbackApplied(String reportId, RenewalId renewalId, String causationId, String alias,
                                     CertificateRef reactivated, Instant at) implements KeystoreReport {

    public KeyPairRollbackApplied {
        Require.text(reportId, "reportId");
        Require.present(renewalId, "renewalId");
        Require.text(causationId, "causationId");
        Require.text(alias, "alias");
        Require.present(reactivated, "reactivated");
        Require.present(at, "at");
    }
}
