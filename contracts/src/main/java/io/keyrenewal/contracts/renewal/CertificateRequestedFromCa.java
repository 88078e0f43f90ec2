package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The renewal asked for a CA-issued certificate: the keystore staged the new key pair under {@code alias} and
 * requests its certificate from the tenant's CA. The renewal waits for the keystore's step until an operator imports
 * the CA's certificate chain into the keystore; {@code NewKeyPairCreated} follows. Public material only.
 *
 * @param reportId                  the keystore's report, recorded once however often it is delivered
 * @param certificateSigningRequest PKCS#10 request (PEM) to hand to the CA
 * @param publicKeySha256           SHA-256 of the new public key (SubjectPublicKeyInfo)
 */
public record CertificateRequestedFromCa(RenewalId renewalId, String alias, String reportId, String subject,
                                         String certificateSigningRequest, Fingerprint publicKeySha256, Instant at)
        implements RenewalEvent {

    public CertificateRequestedFromCa {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.text(reportId, "reportId");
        Require.text(subject, "subject");
        Require.text(certificateSigningRequest, "certificateSigningRequest");
        Require.present(publicKeySha256, "publicKeySha256");
        Require.present(at, "at");
    }
}
