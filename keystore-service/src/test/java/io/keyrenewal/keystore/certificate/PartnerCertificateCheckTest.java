package io.keyrenewal.keystore.certificate;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static io.keyrenewal.keystore.certificate.TestCertificateAuthority.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks a partner's certificate passes before the keystore takes it, with real certificates of a real CA. */
class PartnerCertificateCheckTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    static final TestCertificateAuthority PARTNER_CA = TestCertificateAuthority.root("CN=Acme CA,O=Acme AG", NOW);
    static final KeyPair RSA = TestCertificateAuthority.rsaKeys(2048);

    private final PartnerCertificateCheck check = new PartnerCertificateCheck(PartnerCertificateProperties.defaults());

    @Test
    void acceptsAnRsaOrEcEndEntityCertificateValidLongEnough() {
        X509Certificate rsa = issue(RSA, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(365)));
        X509Certificate p256 = issue(TestCertificateAuthority.ecKeys("secp256r1"), NOW, NOW.plus(Duration.ofDays(31)));
        X509Certificate p384 = issue(TestCertificateAuthority.ecKeys("secp384r1"), NOW, NOW.plus(Duration.ofDays(90)));

        assertThat(check.check("issued by Acme CA\n" + pem(rsa), NOW)).isEqualTo(rsa);
        assertThat(check.check(pem(p256), NOW)).isEqualTo(p256);
        assertThat(check.check(pem(p384), NOW)).isEqualTo(p384);
    }

    @Test
    void refusesWhatIsNoPemCertificate() {
        X509Certificate certificate = issue(RSA, NOW, NOW.plus(Duration.ofDays(365)));
        String der = Base64.getEncoder().encodeToString(derOf(certificate));

        assertRefused(null, "no PEM certificate");
        assertRefused("hello partner", "no PEM certificate");
        assertRefused(der, "no PEM certificate");
        assertRefused("-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n", "not valid Base64");
        assertRefused("-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n",
                "is not an X.509 certificate");
        assertRefused("-----BEGIN CERTIFICATE REQUEST-----\naGVsbG8=\n-----END CERTIFICATE REQUEST-----\n",
                "is a 'certificate request' block");
        assertRefused(pem(certificate, PARTNER_CA.certificate()), "2 certificates: send the partner's own"
                + " certificate only");
    }

    @Test
    void refusesAPrivateKeyInTheInputWithoutRepeatingIt() {
        X509Certificate certificate = issue(RSA, NOW, NOW.plus(Duration.ofDays(365)));
        String privateKey = TestCertificateAuthority.privateKeyPem(RSA);

        for (String input : List.of(pem(certificate) + privateKey, privateKey,
                privateKey.replace("PRIVATE KEY", "RSA PRIVATE KEY"),
                privateKey.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"))) {
            assertThatThrownBy(() -> check.check(input, NOW))
                    .isInstanceOf(InvalidPartnerCertificate.class)
                    .hasMessageStartingWith("the input holds a private key, which the keystore never takes")
                    .satisfies(refused -> assertThat(refused.getMessage())
                            .doesNotContain(Base64.getEncoder().encodeToString(RSA.getPrivate().getEncoded())
                                    .substring(0, 40)));
        }
        assertRefused("-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n", "holds a 'public key' block");
    }

    @Test
    void refusesACertificateNotValidNowOrNotLongEnough() {
        assertRefused(pem(issue(RSA, NOW.minus(Duration.ofDays(400)), NOW.minusSeconds(1))), "expired on");
        assertRefused(pem(issue(RSA, NOW.plusSeconds(60), NOW.plus(Duration.ofDays(365)))), "is not valid before");
        assertRefused(pem(issue(RSA, NOW, NOW.plus(Duration.ofDays(29)))), "less than the minimum of 30 days");

        PartnerCertificateCheck stricter = new PartnerCertificateCheck(new PartnerCertificateProperties(
                Duration.ofDays(100), 2048, List.of("P-256")));
        assertThatThrownBy(() -> stricter.check(pem(issue(RSA, NOW, NOW.plus(Duration.ofDays(99)))), NOW))
                .hasMessageContaining("less than the minimum of 100 days");
    }

    @Test
    void refusesAKeyOfAnotherTypeOrTooSmallAndACaCertificate() throws Exception {
        assertRefused(pem(issue(TestCertificateAuthority.rsaKeys(1024), NOW, NOW.plus(Duration.ofDays(365)))),
                "has an RSA key of 1024 bits: at least 2048 are required");
        assertRefused(pem(issue(TestCertificateAuthority.ecKeys("secp521r1"), NOW, NOW.plus(Duration.ofDays(365)))),
                "has an EC key on curve P-521: allowed are P-256, P-384");
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertRefused(pem(issue(ed25519, NOW, NOW.plus(Duration.ofDays(365)))), "has a key of type EdDSA: allowed are RSA");
        X509Certificate ca = PARTNER_CA.issue("CN=Acme Signing CA,O=Acme AG", RSA.getPublic(), NOW,
                NOW.plus(Duration.ofDays(365)), TestCertificateAuthority.Role.CA);
        assertRefused(pem(ca), "is a CA certificate (basicConstraints CA=true)");
        assertRefused(pem(PARTNER_CA.certificate()), "is a CA certificate");

        PartnerCertificateCheck withP521 = new PartnerCertificateCheck(new PartnerCertificateProperties(
                Duration.ofDays(30), 3072, List.of("p-521")));
        X509Certificate p521 = issue(TestCertificateAuthority.ecKeys("secp521r1"), NOW, NOW.plus(Duration.ofDays(99)));
        assertThat(withP521.check(pem(p521), NOW)).isEqualTo(p521);
        assertThatThrownBy(() -> withP521.check(pem(issue(RSA, NOW, NOW.plus(Duration.ofDays(99)))), NOW))
                .hasMessageContaining("RSA key of 2048 bits: at least 3072 are required");
        assertThatThrownBy(() -> new PartnerCertificateProperties(Duration.ofDays(30), 1024, List.of()))
                .hasMessageContaining("rsa-minimum-bits must be at least 2048");
    }

    private void assertRefused(String input, String reason) {
        assertThatThrownBy(() -> check.check(input, NOW))
                .isInstanceOf(InvalidPartnerCertificate.class)
                .hasMessageContaining(reason);
    }

    private static byte[] derOf(X509Certificate certificate) {
        return new PublicCertificate(certificate).der();
    }

    private static X509Certificate issue(KeyPair keys, Instant notBefore, Instant notAfter) {
        return PARTNER_CA.issue("CN=acme-signer,O=Acme AG", keys.getPublic(), notBefore, notAfter);
    }
}
