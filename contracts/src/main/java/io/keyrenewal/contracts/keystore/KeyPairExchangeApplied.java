package io.keyrenewal.contracts.keystore;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The keystore made {@code activated} the active key pair of {@code alias} (keeping the alias) and archived the old
 * one ({@code archived}, null if the alias held none) until {@code archivedUntil}.
 */
public record KeyPairExchangeApplied(String reportId, RenewalId renewalId, String causationId, String alias,
                                     CertificateRef activated, CertificateRef archived, Instant archivedUntil,
                                     Instant at) implements KeystoreReport {

    public KeyPairExchangeApplied {
        Require.text(reportId, "reportId");
        Require.present(renewalId, "renewalId");
        Require.text(causationId, "causationId");
        Require.text(alias, "alias");
        Require.present(activated, "activated");
        Require.present(at, "at");
    }
}
