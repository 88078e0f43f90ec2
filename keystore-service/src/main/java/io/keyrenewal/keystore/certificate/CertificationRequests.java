package io.keyrenewal.keystore.certificate;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;

/** PKCS#10 certification requests for a CA: the entry's subject and public key, signed with its private key. */
public final class CertificationRequests {

    private static final Base64.Encoder PEM_BODY = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private CertificationRequests() {
    }

    /** The request as PEM ({@code CERTIFICATE REQUEST}), asking for the subject key identifier too. */
    public static String pem(PrivateKey key, PublicCertificate certificate) throws GeneralSecurityException {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils()
                    .createSubjectKeyIdentifier(certificate.certificate().getPublicKey()));
            byte[] der = new JcaPKCS10CertificationRequestBuilder(certificate.certificate().getSubjectX500Principal(),
                    certificate.certificate().getPublicKey())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(signatureAlgorithm(certificate)).build(key))
                    .getEncoded();
            return "-----BEGIN CERTIFICATE REQUEST-----\n" + PEM_BODY.encodeToString(der)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot build a certification request: " + e.getMessage(), e);
        }
    }

    /** The signature algorithm that fits the certificate's key: ECDSA with the curve's hash, or SHA-256 with RSA. */
    public static String signatureAlgorithm(PublicCertificate certificate) {
        String algorithm = certificate.keyAlgorithm();
        if (algorithm.equals("EC_P384")) {
            return "SHA384withECDSA";
        }
        return algorithm.startsWith("EC_") ? "SHA256withECDSA" : "SHA256withRSA";
    }
}
