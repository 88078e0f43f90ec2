package io.keyrenewal.systemtests;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** The tenant's certificate authority as the system tests play it: a self-signed root that signs requests. */
final class TestCa {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    static TestCa root(String name) {
        KeyPair keys = newKeys("EC");
        X500Name subject = X500Name.getInstance(new X500Principal(name).getEncoded());
        return new TestCa(keys, sign(keys, subject, subject, keys.getPublic(), true, Instant.now(),
                Instant.now().plus(Duration.ofDays(3650))));
    }

    X509Certificate certificate() {
        return certificate;
    }

    /**
     * The certificate for a PKCS#10 request (PEM), with the subject the request names, issued at {@code now}: the
     * system's time where the tests move its clocks.
     */
    X509Certificate issueFor(String certificationRequestPem, Instant now) throws Exception {
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(Base64.getDecoder().decode(
                certificationRequestPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")));
        return sign(keys, issuer(), request.getSubject(), new JcaPKCS10CertificationRequest(request).getPublicKey(),
                false, now, now.plus(Duration.ofDays(825)));
    }

    X509Certificate issue(String subject, PublicKey key) {
        return issue(subject, key, Instant.now());
    }

    /** A certificate issued at {@code now}: the system's time where the tests move its clocks. */
    X509Certificate issue(String subject, PublicKey key, Instant now) {
        return issue(subject, key, now, now.plus(Duration.ofDays(825)));
    }

    /** A certificate valid from an hour before {@code now} until {@code notAfter}. */
    X509Certificate issue(String subject, PublicKey key, Instant now, Instant notAfter) {
        return sign(keys, issuer(), X500Name.getInstance(new X500Principal(subject).getEncoded()), key, false, now,
                notAfter);
    }

    static KeyPair newKeys(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X500Name issuer() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate sign(KeyPair issuerKeys, X500Name issuer, X500Name subject, PublicKey key,
                                        boolean ca, Instant now, Instant notAfter) {
        try {
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                            : KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate: " + e.getMessage(), e);
        }
    }
}
