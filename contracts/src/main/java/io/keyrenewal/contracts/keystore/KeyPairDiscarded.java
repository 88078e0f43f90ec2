package io.keyrenewal.contracts.keystore;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The keystore removed the staged (never active) key pair of an aborted renewal ({@code discarded} null: none). */
public record KeyPairDiscarded(String reportId, RenewalId renewalId, String causationId, String alias,
                               CertificateRef discarded, Instant at) implements KeystoreReport {

    public KeyPairDiscarded {
        Require.text(reportId, "reportId");
        Require.present(renewalId, "renewalId");
        Require.text(causationId, "causationId");
        Require.text(alias, "alias");
        Require.present(at, "at");
    }
}
