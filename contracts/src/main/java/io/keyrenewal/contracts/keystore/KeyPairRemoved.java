package io.keyrenewal.contracts.keystore;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The old key pair of the renewal is removed from the keystore ({@code removed} null: there was none). */
public record KeyPairRemoved(String reportId, RenewalId renewalId, String causationId, String alias,
                             CertificateRef removed, Instant at) implements KeystoreReport {

    public KeyPairRemoved {
        Require.text(reportId, "reportId");
        Require.present(renewalId, "renewalId");
        Require.text(causationId, "causationId");
        Require.text(alias, "alias");
        Require.present(at, "at");
    }
}
