package io.keyrenewal.keystore.certificate;

import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.stereotype.Component;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Generates a key pair with BouncyCastle and issues its self-signed X.509 v3 certificate (by default
 * {@code CN=<alias>, O=<organization>}, valid for the configured validity; a renewal may ask for another subject and
 * validity), not a CA, with subject and authority key identifiers.
 */
@Component
public class SelfSignedKeyPairIssuer {

    private static final int SERIAL_BYTES = 16;

    private final Provider provider = new BouncyCastleProvider();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final CertificateProperties properties;

    public SelfSignedKeyPairIssuer(Clock clock, CertificateProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    public IssuedKeyPair issue(String alias, KeyAlgorithm algorithm) {
        return issue(alias, algorithm, CertificateTerms.DEFAULTS);
    }

    public IssuedKeyPair issue(String alias, KeyAlgorithm algorithm, CertificateTerms terms) {
        try {
            KeyPair keyPair = generateKeyPair(algorithm);
            return new IssuedKeyPair(keyPair.getPrivate(), selfSign(alias, keyPair, algorithm, terms));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new KeyGenerationFailed("cannot generate a " + algorithm + " key pair for alias '" + alias + "': "
                    + e.getMessage(), e);
        }
    }

    private KeyPair generateKeyPair(KeyAlgorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(isEc(algorithm) ? "EC" : "RSA", provider);
        generator.initialize(parameters(algorithm), random);
        return generator.generateKeyPair();
    }

    private static AlgorithmParameterSpec parameters(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case EC_P256 -> new ECGenParameterSpec("secp256r1");
            case EC_P384 -> new ECGenParameterSpec("secp384r1");
            case RSA_2048 -> new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4);
            case RSA_3072 -> new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4);
            case RSA_4096 -> new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4);
        };
    }

    private static boolean isEc(KeyAlgorithm algorithm) {
        return algorithm == KeyAlgorithm.EC_P256 || algorithm == KeyAlgorithm.EC_P384;
    }

    private X509Certificate selfSign(String alias, KeyPair keyPair, KeyAlgorithm algorithm, CertificateTerms terms)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        X500Principal name = new X500Principal(terms.subjectDn() != null ? terms.subjectDn()
                : "CN=" + alias + ", O=" + properties.organization());
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(terms.validityDays() != null ? Duration.ofDays(terms.validityDays())
                : properties.validity());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, serialNumber(), Date.from(notBefore),
                Date.from(notAfter), name, keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, keyUsage(algorithm))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(keyPair.getPublic()))
                .build(new JcaContentSignerBuilder(isEc(algorithm) ? "SHA256withECDSA" : "SHA256withRSA")
                        .setProvider(provider).build(keyPair.getPrivate()));
        return new JcaX509CertificateConverter().setProvider(provider).getCertificate(holder);
    }

    /** EC keys agree keys (ECDH-ES key wrapping); RSA keys wrap keys and data; both sign. */
    private static KeyUsage keyUsage(KeyAlgorithm algorithm) {
        return isEc(algorithm)
                ? new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment);
    }

    private BigInteger serialNumber() {
        byte[] bytes = new byte[SERIAL_BYTES];
        random.nextBytes(bytes);
        bytes[0] &= 0x7f;
        BigInteger serial = new BigInteger(1, bytes);
        return serial.signum() == 0 ? BigInteger.ONE : serial;
    }
}
