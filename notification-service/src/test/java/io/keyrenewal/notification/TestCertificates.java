package io.keyrenewal.notification;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.Fingerprint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Real EC P-256 certificates, described the way the keystore service reports them: a self-signed one (made with
 * keytool) and one a certificate authority of the tenant issued (made with openssl), whose subject and issuer differ.
 */
public final class TestCertificates {

    private TestCertificates() {
    }

    public static CertificateInfo decryptor() {
        return read("/decryptor-certificate.pem");
    }

    /** Issued by "CN=Integration Tenant CA" to "CN=signer". */
    public static CertificateInfo signer() {
        return read("/signer-certificate.pem");
    }

    private static CertificateInfo read(String resource) {
        try (InputStream in = TestCertificates.class.getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return new CertificateInfo(pem, Fingerprint.sha256Of(certificate.getEncoded()),
                    certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                    certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the test certificate cannot be read", e);
        }
    }
}
