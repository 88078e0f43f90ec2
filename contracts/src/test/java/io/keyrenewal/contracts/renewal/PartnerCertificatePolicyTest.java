package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.renewal.PartnerCertificatePolicy.Checked;
import io.keyrenewal.contracts.renewal.TestCertificates.KeyUsage;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static io.keyrenewal.contracts.renewal.PartnerCertificateUse.ENCRYPT_TO_PARTNER;
import static io.keyrenewal.contracts.renewal.PartnerCertificateUse.VERIFY_SIGNATURES;
import static io.keyrenewal.contracts.renewal.TestCertificates.certificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each check of a partner's new certificate, with real certificates and keys, in the order the rule makes them. */
class PartnerCertificatePolicyTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    static final KeyPair RSA = TestCertificates.rsa(2048);
    static final KeyPair P256 = TestCertificates.ec("secp256r1");
    static final PartnerCertificatePolicy POLICY = PartnerCertificatePolicy.DEFAULTS;

    @Test
    void theDefaultsAreThirtyDaysRsaFrom2048BitsAndEcOnP256OrP384() {
        assertThat(POLICY).isEqualTo(new PartnerCertificatePolicy(Duration.ofDays(30), 2048, List.of("P-256",
                "P-384")));
    }

    @Test
    void acceptsAnRsaOrEcEndEntityCertificateValidLongEnoughForEitherUse() {
        X509Certificate rsa = valid(RSA).x509();
        String p256 = certificate("CN=acme p256", P256, NOW, NOW.plus(Duration.ofDays(31))).pem();
        String p384 = certificate("CN=acme p384", TestCertificates.ec("secp384r1"), NOW,
                NOW.plus(Duration.ofDays(90))).pem();

        assertThat(POLICY.check(valid(RSA).pem(), NOW, VERIFY_SIGNATURES).passed()).isTrue();
        assertThat(POLICY.check(CertificateInfo.of(rsa).pem(), NOW, ENCRYPT_TO_PARTNER).certificate()).isEqualTo(rsa);
        assertThat(POLICY.check(p256, NOW, VERIFY_SIGNATURES).passed()).isTrue();
        assertThat(POLICY.check(p384, NOW, VERIFY_SIGNATURES).passed()).isTrue();
        assertThat(POLICY.check(p256, NOW, null).passed()).as("no use named: no check of the use").isTrue();
    }

    @Test
    void takesTheCertificateFromTheTextAroundItAndKeepsNothingOfThatText() {
        X509Certificate rsa = valid(RSA).x509();
        String pem = CertificateInfo.of(rsa).pem();

        Checked checked = POLICY.check("subject=CN=acme\r\nissuer=CN=acme\r\n" + pem.replace("\n", "\r\n")
                + "\r\nsee you\r\n", NOW, VERIFY_SIGNATURES);

        assertThat(checked.certificate()).isEqualTo(rsa);
        CertificateInfo info = CertificateInfo.of(checked.certificate());
        assertThat(info.pem()).isEqualTo(pem).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("\n-----END CERTIFICATE-----\n").doesNotContain("subject=", "see you", "\r");
        assertThat(info.sha256()).isEqualTo(Fingerprint.sha256Of(Base64.getMimeDecoder().decode(
                pem.replaceAll("-----[A-Z ]+-----", ""))));
        assertThat(info.subject()).isEqualTo("CN=acme-signer,O=Acme AG");
        assertThat(info.serialNumber()).isEqualTo(rsa.getSerialNumber().toString(16));
        assertThat(info.notAfter()).isEqualTo(rsa.getNotAfter().toInstant());
    }

    @Test
    void refusesWhatIsNoPemCertificate() {
        String pem = valid(RSA).pem();
        String der = pem.replaceAll("-----[A-Z ]+-----", "").strip();

        assertRefused(null, "the input is not a PEM encoded X.509 certificate: it holds no PEM certificate");
        assertRefused("hello partner", "not a PEM encoded X.509 certificate");
        assertRefused(der, "no PEM certificate");
        assertRefused("-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n",
                "certificate block 1 is not valid Base64");
        assertRefused("-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n",
                "certificate block 1 is not an X.509 certificate");
        assertRefused("-----BEGIN CERTIFICATE REQUEST-----\naGVsbG8=\n-----END CERTIFICATE REQUEST-----\n",
                "block 1 is a 'certificate request' block");
        assertRefused(pem + "-----BEGIN X509 CRL-----\naGVsbG8=\n-----END X509 CRL-----\n",
                "block 2 is a 'x509 crl' block");
    }

    @Test
    void refusesMoreThanOneCertificateEvenTheSameTwice() {
        String pem = valid(RSA).pem();
        String ca = certificate("CN=Acme CA", P256, NOW, NOW.plus(Duration.ofDays(3650))).ca().pem();

        assertRefused(pem + ca, "2 certificates: send the partner's own certificate only, without its CA"
                + " certificates");
        assertRefused(pem + pem, "2 certificates");
    }

    @Test
    void refusesAPrivateKeyWithoutRepeatingItAndABareKey() {
        String pem = valid(RSA).pem();
        String key = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(RSA.getPrivate().getEncoded());

        for (String type : List.of("PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY")) {
            String privateKey = "-----BEGIN " + type + "-----\n" + key + "\n-----END " + type + "-----\n";
            for (String input : List.of(pem + privateKey, privateKey, privateKey + pem)) {
                Checked checked = POLICY.check(input, NOW, VERIFY_SIGNATURES);
                assertThat(checked.problem()).startsWith("the input holds a private key, which the keystore never"
                        + " takes from a partner").doesNotContain(key.substring(0, 40), type);
                assertThat(checked.certificate()).isNull();
            }
        }
        assertRefused("-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n", "holds a 'public key' block: send the partner's certificate");
    }

    @Test
    void refusesACertificateNotValidNow() {
        Instant expired = NOW.minusSeconds(1);
        Instant notYet = NOW.plusSeconds(60);

        assertRefused(certificate("CN=acme old", RSA, NOW.minus(Duration.ofDays(400)), expired).pem(),
                "is not valid at " + NOW + ": it expired on " + expired);
        assertRefused(certificate("CN=acme early", RSA, notYet, NOW.plus(Duration.ofDays(365))).pem(),
                "is not valid at " + NOW + ": it is not valid before " + notYet);
    }

    @Test
    void refusesACaCertificate() {
        assertRefused(certificate("CN=Acme Signing CA", RSA, NOW, NOW.plus(Duration.ofDays(365))).ca().pem(),
                "certificate 'CN=Acme Signing CA' (serial ");
        assertRefused(certificate("CN=Acme CA", RSA, NOW, NOW.plus(Duration.ofDays(365))).ca().pem(),
                "is a CA certificate (basicConstraints CA=true): the partner's own end-entity certificate is"
                        + " expected");
    }

    @Test
    void refusesACertificateValidForLessThanTheMinimum() {
        assertRefused(certificate("CN=acme short", RSA, NOW, NOW.plus(Duration.ofDays(29))).pem(),
                "less than the minimum of 30 days from " + NOW);
        assertThat(POLICY.check(certificate("CN=acme", RSA, NOW, NOW.plus(Duration.ofDays(30))).pem(), NOW,
                VERIFY_SIGNATURES).passed()).as("30 days exactly").isTrue();

        PartnerCertificatePolicy stricter = new PartnerCertificatePolicy(Duration.ofDays(100), 2048, List.of("P-256"));
        assertThat(stricter.check(certificate("CN=acme", RSA, NOW, NOW.plus(Duration.ofDays(99))).pem(), NOW,
                VERIFY_SIGNATURES).problem()).contains("less than the minimum of 100 days");
    }

    @Test
    void refusesAnRsaKeyBelowTheMinimumSize() {
        assertRefused(valid(TestCertificates.rsa(1024)).pem(), "has an RSA key of 1024 bits: at least 2048 are"
                + " required");

        PartnerCertificatePolicy from3072 = new PartnerCertificatePolicy(Duration.ofDays(30), 3072, List.of());
        assertThat(from3072.check(valid(RSA).pem(), NOW, VERIFY_SIGNATURES).problem())
                .contains("RSA key of 2048 bits: at least 3072 are required");
    }

    @Test
    void refusesAnEcKeyOnACurveNotAllowed() {
        String p521 = valid(TestCertificates.ec("secp521r1")).pem();

        assertRefused(p521, "has an EC key on curve P-521: allowed are P-256, P-384");
        PartnerCertificatePolicy withP521 = new PartnerCertificatePolicy(Duration.ofDays(30), 2048,
                List.of(" p-521 "));
        assertThat(withP521.check(p521, NOW, VERIFY_SIGNATURES).passed()).isTrue();
        assertThat(withP521.check(valid(P256).pem(), NOW, VERIFY_SIGNATURES).problem())
                .contains("has an EC key on curve P-256: allowed are P-521");
        assertThat(new PartnerCertificatePolicy(Duration.ofDays(30), 2048, List.of()).check(valid(P256).pem(), NOW,
                VERIFY_SIGNATURES).problem()).contains("allowed are none");
    }

    @Test
    void refusesAKeyOfAnotherType() {
        assertRefused(valid(TestCertificates.ed25519()).pem(), "has a key of type EdDSA: allowed are RSA (at least"
                + " 2048 bits) and EC (P-256, P-384)");
    }

    @Test
    void refusesAnEcKeyForACertificateTheTenantEncryptsTo() {
        Checked checked = POLICY.check(valid(P256).pem(), NOW, ENCRYPT_TO_PARTNER);

        assertThat(checked.problem()).contains("has an EC key: the tenant encrypts to this partner, and encryption"
                + " needs an RSA key (at least 2048 bits)");
        assertThat(POLICY.check(valid(P256).pem(), NOW, VERIFY_SIGNATURES).passed()).isTrue();
    }

    @Test
    void aCertificateTheTenantEncryptsToMustAllowKeyEnciphermentWhereItNamesItsUses() {
        assertThat(POLICY.check(valid(RSA).keyUsage(KeyUsage.KEY_ENCIPHERMENT).pem(), NOW, ENCRYPT_TO_PARTNER)
                .passed()).isTrue();
        assertThat(POLICY.check(valid(RSA).keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT).pem(),
                NOW, ENCRYPT_TO_PARTNER).passed()).isTrue();
        assertThat(POLICY.check(valid(RSA).pem(), NOW, ENCRYPT_TO_PARTNER).passed()).as("no keyUsage").isTrue();

        assertThat(POLICY.check(valid(RSA).keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.DATA_ENCIPHERMENT).pem(),
                NOW, ENCRYPT_TO_PARTNER).problem()).contains("may not be encrypted to: its keyUsage allows"
                + " digitalSignature, dataEncipherment, and the tenant encrypts to this partner, which needs"
                + " keyEncipherment");
        assertThat(POLICY.check(valid(RSA).keyUsage().pem(), NOW, ENCRYPT_TO_PARTNER).problem())
                .contains("its keyUsage allows nothing");
    }

    @Test
    void aCertificateTheTenantVerifiesSignaturesWithMustAllowSignaturesWhereItNamesItsUses() {
        assertThat(POLICY.check(valid(P256).keyUsage(KeyUsage.DIGITAL_SIGNATURE).pem(), NOW, VERIFY_SIGNATURES)
                .passed()).isTrue();
        assertThat(POLICY.check(valid(RSA).keyUsage(KeyUsage.NON_REPUDIATION).pem(), NOW, VERIFY_SIGNATURES)
                .passed()).isTrue();
        assertThat(POLICY.check(valid(P256).pem(), NOW, VERIFY_SIGNATURES).passed()).as("no keyUsage").isTrue();

        assertThat(POLICY.check(valid(RSA).keyUsage(KeyUsage.KEY_ENCIPHERMENT).pem(), NOW, VERIFY_SIGNATURES)
                .problem()).contains("may not verify signatures: its keyUsage allows keyEncipherment, and the tenant"
                + " verifies this partner's signatures, which needs digitalSignature (or nonRepudiation)");
        assertThat(POLICY.check(valid(P256).keyUsage(KeyUsage.KEY_AGREEMENT).pem(), NOW, VERIFY_SIGNATURES)
                .problem()).contains("its keyUsage allows keyAgreement");
        assertThat(POLICY.check(valid(P256).keyUsage(KeyUsage.KEY_AGREEMENT).pem(), NOW, null).passed())
                .as("no use named: no check of the use").isTrue();
    }

    @Test
    void answersWithTheFirstCheckThatFails() {
        String expiredWeakCa = certificate("CN=Acme CA", TestCertificates.rsa(1024), NOW.minus(Duration.ofDays(9)),
                NOW.minusSeconds(1)).ca().keyUsage(KeyUsage.DIGITAL_SIGNATURE).pem();
        String weakCa = certificate("CN=Acme CA", TestCertificates.rsa(1024), NOW, NOW.plus(Duration.ofDays(9)))
                .ca().pem();

        assertThat(POLICY.check(expiredWeakCa, NOW, ENCRYPT_TO_PARTNER).problem()).contains("is not valid at");
        assertThat(POLICY.check(weakCa, NOW, ENCRYPT_TO_PARTNER).problem()).contains("is a CA certificate");
        assertThat(POLICY.check(certificate("CN=acme", P256, NOW, NOW.plus(Duration.ofDays(9))).pem(), NOW,
                ENCRYPT_TO_PARTNER).problem()).contains("less than the minimum of 30 days");
    }

    @Test
    void throwsTheCallersRefusalWithTheProblemOrAnswersWithTheCertificate() {
        X509Certificate rsa = valid(RSA).x509();

        assertThat(POLICY.check(CertificateInfo.of(rsa).pem(), NOW, VERIFY_SIGNATURES)
                .orElseThrow(IllegalStateException::new)).isEqualTo(rsa);
        assertThatThrownBy(() -> POLICY.check("hello partner", NOW, VERIFY_SIGNATURES)
                .orElseThrow(IllegalStateException::new))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a PEM encoded X.509 certificate");
    }

    @Test
    void refusesLimitsThatMakeNoSense() {
        assertThatThrownBy(() -> new PartnerCertificatePolicy(Duration.ofDays(-1), 2048, List.of()))
                .hasMessageContaining("minimumValidity must not be negative");
        assertThatThrownBy(() -> new PartnerCertificatePolicy(null, 2048, List.of()))
                .hasMessageContaining("minimumValidity is required");
        assertThatThrownBy(() -> new PartnerCertificatePolicy(Duration.ZERO, 0, List.of()))
                .hasMessageContaining("rsaMinimumBits must be positive");
    }

    private static void assertRefused(String input, String reason) {
        for (PartnerCertificateUse use : PartnerCertificateUse.values()) {
            Checked checked = POLICY.check(input, NOW, use);
            assertThat(checked.passed()).as(reason).isFalse();
            assertThat(checked.problem()).contains(reason);
        }
    }

    private static TestCertificates valid(KeyPair keys) {
        return certificate("CN=acme-signer,O=Acme AG", keys, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(365)));
    }
}
