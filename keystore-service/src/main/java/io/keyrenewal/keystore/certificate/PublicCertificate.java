package io.keyrenewal.keystore.certificate;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/** The public face of a stored key pair: its certificate and what the contracts say about it. */
public record PublicCertificate(X509Certificate certificate) {

    private static final Base64.Encoder PEM_BODY = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    public PublicCertificate {
        Objects.requireNonNull(certificate, "certificate");
    }

    /** The certificate whose DER encoding is {@code der}. */
    public static PublicCertificate ofDer(byte[] der) {
        try {
            return new PublicCertificate((X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der)));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("not a DER-encoded X.509 certificate: " + e.getMessage(), e);
        }
    }

    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a stored certificate cannot be DER encoded", e);
        }
    }

    public Fingerprint fingerprint() {
        return Fingerprint.sha256Of(der());
    }

    /** Lower-case hex, as keytool prints it. */
    public String serialHex() {
        return certificate.getSerialNumber().toString(16);
    }

    /** RFC 2253 form, e.g. {@code CN=acme-decrypt,O=keyrenewal}. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public String issuer() {
        return certificate.getIssuerX500Principal().getName();
    }

    public String pem() {
        return "-----BEGIN CERTIFICATE-----\n" + PEM_BODY.encodeToString(der()) + "\n-----END CERTIFICATE-----\n";
    }

    /** {@code EC_P256}, {@code RSA_3072}, ...: the contract's names where one fits, else algorithm and size. */
    public String keyAlgorithm() {
        PublicKey key = certificate.getPublicKey();
        if (key instanceof ECPublicKey ec) {
            return "EC_P" + ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof RSAPublicKey rsa) {
            return "RSA_" + rsa.getModulus().bitLength();
        }
        return key.getAlgorithm();
    }

    /** SHA-1 thumbprint of the DER encoding, lower-case hex (how WS-Security's ThumbprintSHA1 names a key). */
    public String sha1Hex() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** The subject key identifier, lower-case hex; null if the certificate has none. */
    public String subjectKeyIdentifierHex() {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        byte[] identifier = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifier();
        return HexFormat.of().formatHex(identifier);
    }

    /** SHA-256 of the public key's SubjectPublicKeyInfo: the same for every certificate of one key pair. */
    public Fingerprint publicKeySha256() {
        return Fingerprint.sha256Of(certificate.getPublicKey().getEncoded());
    }

    /** Whether the certificate names itself as issuer and its own key verifies its signature. */
    public boolean isSelfSigned() {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException notByItself) {
            return false;
        }
    }

    public CertificateInfo info() {
        return CertificateInfo.of(certificate);
    }

    public CertificateRef ref() {
        return new CertificateRef(fingerprint(), issuer(), serialHex());
    }

    public boolean matches(CertificateRef ref) {
        return fingerprint().equals(ref.sha256());
    }
}
