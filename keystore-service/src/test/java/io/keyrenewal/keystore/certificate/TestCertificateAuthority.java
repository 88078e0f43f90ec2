package io.keyrenewal.keystore.certificate;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;

/**
 * A real certificate authority for tests, with BouncyCastle: a root, intermediates under it, and leaf certificates
 * for public keys or for PKCS#10 requests. Its keys stay in the test; what it issues is verifiable X.509.
 */
public final class TestCertificateAuthority {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());
    private static final Base64.Encoder PEM_BODY = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A self-signed root CA named {@code name}, valid from an hour before {@code now} for ten years. */
    public static TestCertificateAuthority root(String name, Instant now) {
        KeyPair keys = newKeys();
        X500Name rootName = x500(name);
        return new TestCertificateAuthority(keys, sign(keys, rootName, keys.getPublic(), rootName,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650)), Role.CA));
    }

    /** An intermediate CA named {@code name}, issued by this one. */
    public TestCertificateAuthority intermediate(String name, Instant now) {
        KeyPair intermediateKeys = newKeys();
        return new TestCertificateAuthority(intermediateKeys, issue(name, intermediateKeys.getPublic(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1825)), Role.CA));
    }

    /** The certificate this CA issues for a PKCS#10 request (PEM), whose signature it checks first. */
    public X509Certificate issueFor(String certificationRequestPem, Instant now) {
        try {
            String body = certificationRequestPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PKCS10CertificationRequest request = new PKCS10CertificationRequest(Base64.getDecoder().decode(body));
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(jca.getPublicKey());
            if (!request.isSignatureValid(verifier)) {
                throw new IllegalArgumentException("the request's signature does not verify");
            }
            return sign(keys, name(), jca.getPublicKey(), request.getSubject(), now.minus(Duration.ofMinutes(5)),
                    now.plus(Duration.ofDays(397)), Role.LEAF);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue for the request: " + e.getMessage(), e);
        }
    }

    /** A leaf certificate for {@code key} valid from {@code notBefore} to {@code notAfter}. */
    public X509Certificate issue(String subject, PublicKey key, Instant notBefore, Instant notAfter) {
        return issue(subject, key, notBefore, notAfter, Role.LEAF);
    }

    /** A certificate for {@code key} with the given role (a CA, a leaf, or an issuer lacking keyCertSign). */
    public X509Certificate issue(String subject, PublicKey key, Instant notBefore, Instant notAfter, Role role) {
        return sign(keys, name(), key, x500(subject), notBefore, notAfter, role);
    }

    /** A leaf certificate with the serial number {@code serial} (as two CAs may both give one). */
    public X509Certificate issue(String subject, PublicKey key, BigInteger serial, Instant notBefore,
                                 Instant notAfter) {
        return sign(keys, name(), key, x500(subject), serial, notBefore, notAfter, Role.LEAF);
    }

    /** The name as the JDK encodes it, so that it prints back as written. */
    private static X500Name x500(String name) {
        return X500Name.getInstance(new X500Principal(name).getEncoded());
    }

    private X500Name name() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /** A leaf signed with {@code issuerKeys} in the name of {@code issuer}, which need not be a CA. */
    public static X509Certificate issuedWith(KeyPair issuerKeys, X509Certificate issuer, String subject,
                                             PublicKey key, Instant notBefore, Instant notAfter) {
        return new TestCertificateAuthority(issuerKeys, issuer).issue(subject, key, notBefore, notAfter);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public static String pem(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append(new PublicCertificate(certificate).pem());
        }
        return pem.toString();
    }

    public static KeyPair newKeys() {
        return ecKeys("secp256r1");
    }

    /** A key pair on the named curve ({@code secp256r1}, {@code secp384r1}, {@code secp521r1}). */
    public static KeyPair ecKeys(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA key pair of {@code bits}. */
    public static KeyPair rsaKeys(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as a partner must never send it: PKCS#8 PEM. */
    public static String privateKeyPem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n" + PEM_BODY.encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * What a certificate may do: a CA's keyUsage allows keyCertSign, a leaf's digitalSignature (it signs), an
     * encryption leaf's keyEncipherment (it is encrypted to).
     */
    public enum Role {
        CA, LEAF, ENCRYPTION_LEAF, CA_WITHOUT_CERTIFICATE_SIGNING, NO_CA_EXTENSIONS
    }

    private static X509Certificate sign(KeyPair issuerKeys, X500Name issuer, PublicKey key, X500Name subject,
                                        Instant notBefore, Instant notAfter, Role role) {
        return sign(issuerKeys, issuer, key, subject, BigInteger.valueOf(SERIALS.incrementAndGet()), notBefore,
                notAfter, role);
    }

    private static X509Certificate sign(KeyPair issuerKeys, X500Name issuer, PublicKey key, X500Name subject,
                                        BigInteger serial, Instant notBefore, Instant notAfter, Role role) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, key)
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            switch (role) {
                case CA -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                case CA_WITHOUT_CERTIFICATE_SIGNING -> builder.addExtension(Extension.basicConstraints, true,
                        new BasicConstraints(true)).addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature));
                case LEAF -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                case ENCRYPTION_LEAF -> builder.addExtension(Extension.basicConstraints, true,
                        new BasicConstraints(false)).addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyEncipherment));
                case NO_CA_EXTENSIONS -> {
                }
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate: " + e.getMessage(), e);
        }
    }
}
