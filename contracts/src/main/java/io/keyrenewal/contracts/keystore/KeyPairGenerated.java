package io.keyrenewal.contracts.keystore;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

/**
 * A new key pair and its certificate (self-signed, or issued by the tenant's CA after
 * {@link CertificateSigningRequested}) are stored under {@code alias} in the tenant keystore; the key it renews
 * ({@code previous}, null if none) is retained beside it so both can decrypt.
 */
public record KeyPairGenerated(String reportId, RenewalId renewalId, String causationId, String alias,
                               CertificateInfo certificate, CertificateRef previous, java.time.Instant at)
        implements KeystoreReport {

    public KeyPairGenerated {
        Require.text(reportId, "reportId");
        Require.present(renewalId, "renewalId");
        Require.text(causationId, "causationId");
        Require.text(alias, "alias");
        Require.present(certificate, "certificate");
        Require.present(at, "at");
    }
}
