package io.keyrenewal.contracts.keystore;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The renewal asked for a CA-issued certificate: the keystore generated and staged the new key pair under
 * {@code alias} and asks the tenant's CA to certify it. {@code KeyPairGenerated} follows, answering the same renewal
 * event, once an operator imported the CA's certificate chain. Public material only.
 *
 * @param subject                   the subject the request names (RFC 2253)
 * @param certificateSigningRequest PKCS#10 request, PEM ({@code CERTIFICATE REQUEST}), signed with the new key
 * @param publicKeySha256           SHA-256 of the new public key's SubjectPublicKeyInfo: the CA's certificate must
 *                                  carry this key
 */
public record CertificateSigningRequested(String reportId, RenewalId renewalId, String causationId, String alias,
                                          String subject, String certificateSigningRequest,
                                          Fingerprint publicKeySha256, Instant at) implements KeystoreReport {

    public CertificateSigningRequested {
        Require.text(reportId, "reportId");
        Require.present(renewalId, "renewalId");
        Require.text(causationId, "causationId");
        Require.text(alias, "alias");
        Require.text(subject, "subject");
        Require.text(certificateSigningRequest, "certificateSigningRequest");
        if (!certificateSigningRequest.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
            throw new IllegalArgumentException("certificateSigningRequest must be a PEM encoded PKCS#10 request");
        }
        Require.present(publicKeySha256, "publicKeySha256");
        Require.present(at, "at");
    }
}
