package io.keyrenewal.renewal.support;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** A partner's new key pair and its self-signed certificate, as a partner would make them, for the tests. */
public final class PartnerKeys {

    private static final AtomicLong SERIALS = new AtomicLong(0x5000);

    private PartnerKeys() {
    }

    /** An EC P-256 key pair with a certificate valid from an hour before {@code now} for a year. */
    public static String certificate(String subject, Instant now) {
        return certificate(subject, ec("secp256r1"), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)),
                false);
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PEM of a self-signed certificate for {@code keys}. */
    public static String certificate(String subject, KeyPair keys, Instant notBefore, Instant notAfter, boolean ca) {
        return certificate(subject, keys, notBefore, notAfter, ca, null);
    }

    /** The PEM of a self-signed certificate for {@code keys} with a keyUsage extension, if {@code keyUsage} is one. */
    public static String certificate(String subject, KeyPair keys, Instant notBefore, Instant notAfter, boolean ca,
                                     KeyUsage keyUsage) {
        try {
            X500Name name = new X500Name(subject);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), name,
                    keys.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            if (keyUsage != null) {
                builder.addExtension(Extension.keyUsage, true, keyUsage);
            }
            String algorithm = keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
