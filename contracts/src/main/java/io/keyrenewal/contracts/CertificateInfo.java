package io.keyrenewal.contracts;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

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

    /**
     * What the contracts say about {@code certificate}: its PEM written anew from its DER encoding (64 characters a
     * line), so nothing of the text it came in travels with it; subject and issuer in RFC 2253 form.
     */
    public static CertificateInfo of(X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be DER encoded: " + e.getMessage(), e);
        }
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64,
                "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) + "\n-----END CERTIFICATE-----\n";
        return new CertificateInfo(pem, Fingerprint.sha256Of(der), certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    public CertificateRef ref() {
        return new CertificateRef(sha256, issuer, serialNumber);
    }
}
