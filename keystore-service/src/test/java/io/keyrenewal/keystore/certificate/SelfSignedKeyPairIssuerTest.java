package io.keyrenewal.keystore.certificate;

import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.crypto.Cipher;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelfSignedKeyPairIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final Map<KeyAlgorithm, IssuedKeyPair> ISSUED = new ConcurrentHashMap<>();

    private final SelfSignedKeyPairIssuer issuer = new SelfSignedKeyPairIssuer(Clock.fixed(NOW, ZoneOffset.UTC),
            new CertificateProperties(Duration.ofDays(365), "keyrenewal"));

    private IssuedKeyPair issued(KeyAlgorithm algorithm) {
        return ISSUED.computeIfAbsent(algorithm, a -> issuer.issue("acme-decrypt", a));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void issuesACertificateTheJdkParsesForEveryAlgorithm(KeyAlgorithm algorithm) throws Exception {
        IssuedKeyPair keyPair = issued(algorithm);

        X509Certificate parsed = parse(keyPair.publicCertificate().pem());

        assertThat(parsed.getVersion()).isEqualTo(3);
        assertThat(parsed.getEncoded()).isEqualTo(keyPair.certificate().getEncoded());
        assertThat(parsed.getSubjectX500Principal().getName()).isEqualTo("CN=acme-decrypt,O=keyrenewal");
        assertThat(parsed.getIssuerX500Principal()).isEqualTo(parsed.getSubjectX500Principal());
        parsed.verify(parsed.getPublicKey());
        assertThat(keyPair.publicCertificate().keyAlgorithm()).isEqualTo(algorithm.name());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void issuesAPublicKeyThatVerifiesWhatThePrivateKeySigned(KeyAlgorithm algorithm) throws Exception {
        IssuedKeyPair keyPair = issued(algorithm);
        String signatureAlgorithm = parse(keyPair.publicCertificate().pem()).getSigAlgName();
        byte[] payload = "a WS-Security response".getBytes(StandardCharsets.UTF_8);

        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(keyPair.privateKey());
        signer.update(payload);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(parse(keyPair.publicCertificate().pem()).getPublicKey());
        verifier.update(payload);

        assertThat(verifier.verify(signature)).isTrue();
        assertThat(signatureAlgorithm).isEqualTo(algorithm.name().startsWith("EC")
                ? "SHA256withECDSA" : "SHA256withRSA");
    }

    @Test
    void issuesAnRsaKeyPairThatDecryptsWhatItsCertificateEncrypted() throws Exception {
        IssuedKeyPair keyPair = issued(KeyAlgorithm.RSA_2048);
        byte[] sessionKey = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        Cipher encrypt = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        encrypt.init(Cipher.ENCRYPT_MODE, parse(keyPair.publicCertificate().pem()).getPublicKey());
        byte[] wrapped = encrypt.doFinal(sessionKey);
        Cipher decrypt = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        decrypt.init(Cipher.DECRYPT_MODE, keyPair.privateKey());

        assertThat(decrypt.doFinal(wrapped)).isEqualTo(sessionKey);
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "RSA_2048"})
    void marksTheCertificateAsNoCaWithKeyIdentifiersAndKeyUsage(KeyAlgorithm algorithm) throws Exception {
        X509Certificate certificate = parse(issued(algorithm).publicCertificate().pem());

        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(certificate.getExtensionValue("2.5.29.14")).as("subject key identifier").isNotEmpty();
        assertThat(certificate.getExtensionValue("2.5.29.35")).as("authority key identifier").isNotEmpty();
        boolean[] keyUsage = certificate.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        if (algorithm == KeyAlgorithm.EC_P256) {
            assertThat(keyUsage[4]).as("keyAgreement").isTrue();
        } else {
            assertThat(keyUsage[2]).as("keyEncipherment").isTrue();
        }
    }

    @Test
    void selectsTheCurveAndModulusSizeTheRenewalAskedFor() {
        assertThat(((ECPublicKey) issued(KeyAlgorithm.EC_P256).certificate().getPublicKey())
                .getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(((ECPublicKey) issued(KeyAlgorithm.EC_P384).certificate().getPublicKey())
                .getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
        assertThat(((RSAPublicKey) issued(KeyAlgorithm.RSA_3072).certificate().getPublicKey())
                .getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void makesTheCertificateValidForTheConfiguredPeriodFromTheClocksNow() {
        X509Certificate certificate = issued(KeyAlgorithm.EC_P256).certificate();

        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void usesTheSubjectAndValidityTheRenewalAsksFor() {
        X509Certificate certificate = issuer.issue("acme-sign", KeyAlgorithm.EC_P256,
                new CertificateTerms("CN=acme-sign, OU=Integration, O=Tenant AG, C=CH", 30)).certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=acme-sign,OU=Integration,O=Tenant AG,C=CH");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void refusesASubjectThatIsNoDistinguishedNameAndAValidityOutOfRange() {
        assertThatThrownBy(() -> new CertificateTerms("acme-sign", null)).isInstanceOf(KeyGenerationFailed.class)
                .hasMessageContaining("subjectDn 'acme-sign' is not an X.500 distinguished name");
        assertThatThrownBy(() -> new CertificateTerms(null, 3651)).isInstanceOf(KeyGenerationFailed.class)
                .hasMessage("validityDays must be between 1 and 3650 days, not 3651");
    }

    @Test
    void givesEveryCertificateADifferentPositiveSerialOfAboutOneHundredTwentyEightBits() {
        X509Certificate first = issued(KeyAlgorithm.EC_P256).certificate();
        X509Certificate second = issuer.issue("acme-decrypt", KeyAlgorithm.EC_P256).certificate();

        assertThat(first.getSerialNumber()).isNotEqualTo(second.getSerialNumber());
        assertThat(first.getSerialNumber().signum()).isPositive();
        assertThat(first.getSerialNumber().bitLength()).isBetween(64, 127);
    }

    @Test
    void describesTheCertificateWithTheSha256OfItsDerEncoding() throws Exception {
        PublicCertificate certificate = issued(KeyAlgorithm.EC_P384).publicCertificate();
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded()));

        assertThat(certificate.info().sha256().value()).isEqualTo(expected);
        assertThat(certificate.info().serialNumber())
                .isEqualTo(certificate.certificate().getSerialNumber().toString(16));
        assertThat(certificate.info().issuer()).isEqualTo("CN=acme-decrypt,O=keyrenewal");
        assertThat(certificate.ref()).isEqualTo(certificate.info().ref());
        assertThat(certificate.pem()).doesNotContain("PRIVATE");
    }

    @Test
    void neverPrintsThePrivateKey() {
        IssuedKeyPair keyPair = issued(KeyAlgorithm.RSA_2048);

        assertThat(keyPair.toString()).contains(keyPair.publicCertificate().fingerprint().value())
                .doesNotContain(((RSAPrivateKey) keyPair.privateKey())
                        .getPrivateExponent().toString(16));
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
