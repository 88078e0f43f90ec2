package io.keyrenewal.contracts;

import java.time.Instant;

/**
 * The public part of a key pair: the X.509 certificate (PEM) and what a partner needs to configure it.
 * Never carries private key material.
 *
 * @param serialNumber hex, as keytool prints it
 */
public record CertificateInfo(String pem, Fingerprint sha256, String subject, String issuer, String serialNumber,
                              Instant notBefore, Instant notAfter) {

    public CertificateInfo {
        Require.text(pem, "certificate.pem");
        if (!pem.startsWith("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("certificate.pem must be a PEM encoded X.509 certificate");
        }
        Require.present(sha256, "certificate.sha256");
        Require.text(subject, "certificate.subject");
        Require.text(issuer, "certificate.issuer");
        Require.text(serialNumber, "certificate.serialNumber");
        Require.present(notBefore, "certificate.notBefore");
        Require.present(notAfter, "certificate.notAfter");
    }

    public CertificateRef ref() {
        return new CertificateRef(sha256, issuer, serialNumber);
    }
}
