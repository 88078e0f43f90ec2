package io.keyrenewal.contracts.keystore;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The partner's certificate a renewal received is the alias's active partner certificate; the one it replaced
 * ({@code previous}, null if the alias held none) is retained beside it.
 */
public record PartnerCertificateImportApplied(String reportId, RenewalId renewalId, String causationId, String alias,
                                              CertificateRef imported, CertificateRef previous, Instant at)
        implements KeystoreReport {

    public PartnerCertificateImportApplied {
        Require.text(reportId, "reportId");
        Require.present(renewalId, "renewalId");
        Require.text(causationId, "causationId");
        Require.text(alias, "alias");
        Require.present(imported, "imported");
        Require.present(at, "at");
    }
}
