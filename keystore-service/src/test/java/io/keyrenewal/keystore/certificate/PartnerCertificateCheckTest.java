package io.keyrenewal.keystore.certificate;

import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.keyrenewal.keystore.certificate.TestCertificateAuthority.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keystore checks a partner's certificate with the contracts' rule (each check is tested there) and its configured
 * limits, with real certificates of a real CA: a refusal is an {@link InvalidPartnerCertificate} with the rule's reason.
 */
class PartnerCertificateCheckTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    static final TestCertificateAuthority PARTNER_CA = TestCertificateAuthority.root("CN=Acme CA,O=Acme AG", NOW);
    static final KeyPair RSA = TestCertificateAuthority.rsaKeys(2048);

    private final PartnerCertificateCheck check = new PartnerCertificateCheck(PartnerCertificateProperties.defaults());

    @Test
    void checksWithTheDefaultsUnlessConfiguredOtherwise() {
        X509Certificate rsa = issue(RSA, NOW.plus(Duration.ofDays(365)));

        assertThat(check.check("issued by Acme CA\n" + pem(rsa), NOW, null)).isEqualTo(rsa);
        assertRefused(check, pem(issue(RSA, NOW.plus(Duration.ofDays(29)))), "less than the minimum of 30 days");
        assertRefused(check, pem(issue(TestCertificateAuthority.ecKeys("secp521r1"), NOW.plus(Duration.ofDays(365)))),
                "has an EC key on curve P-521: allowed are P-256, P-384");
        assertRefused(check, pem(rsa, PARTNER_CA.certificate()), "2 certificates: send the partner's own"
                + " certificate only");
    }

    @Test
    void checksWithTheConfiguredLimits() {
        PartnerCertificateCheck stricter = new PartnerCertificateCheck(new PartnerCertificateProperties(
                Duration.ofDays(100), 3072, List.of("p-521")));
        X509Certificate p521 = issue(TestCertificateAuthority.ecKeys("secp521r1"), NOW.plus(Duration.ofDays(101)));

        assertThat(stricter.check(pem(p521), NOW, PartnerCertificateUse.VERIFY_SIGNATURES)).isEqualTo(p521);
        assertRefused(stricter, pem(issue(TestCertificateAuthority.ecKeys("secp521r1"), NOW.plus(Duration.ofDays(99)))),
                "less than the minimum of 100 days");
        assertRefused(stricter, pem(issue(RSA, NOW.plus(Duration.ofDays(365)))),
                "RSA key of 2048 bits: at least 3072 are required");
        assertThatThrownBy(() -> new PartnerCertificateProperties(Duration.ofDays(30), 1024, List.of()))
                .hasMessageContaining("rsa-minimum-bits must be at least 2048");
    }

    @Test
    void checksWhatTheRenewalSaysTheTenantDoesWithTheCertificate() {
        X509Certificate ec = issue(TestCertificateAuthority.ecKeys("secp256r1"), NOW.plus(Duration.ofDays(365)));

        assertThat(check.check(pem(ec), NOW, PartnerCertificateUse.VERIFY_SIGNATURES)).isEqualTo(ec);
        assertThat(check.check(pem(ec), NOW, null)).as("the administrator's import names no use").isEqualTo(ec);
        assertThatThrownBy(() -> check.check(pem(ec), NOW, PartnerCertificateUse.ENCRYPT_TO_PARTNER))
                .isInstanceOf(InvalidPartnerCertificate.class)
                .hasMessageContaining("the tenant encrypts to this partner, and encryption needs an RSA key");
    }

    private static void assertRefused(PartnerCertificateCheck check, String input, String reason) {
        assertThatThrownBy(() -> check.check(input, NOW, PartnerCertificateUse.VERIFY_SIGNATURES))
                .isInstanceOf(InvalidPartnerCertificate.class)
                .hasMessageContaining(reason);
    }

    private static X509Certificate issue(KeyPair keys, Instant notAfter) {
        return PARTNER_CA.issue("CN=acme-signer,O=Acme AG", keys.getPublic(), NOW.minusSeconds(60), notAfter);
    }
}
