package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.renewal.support.PartnerKeys;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The renewal checks a partner's new certificate with the contracts' rule (each check is tested there): a refusal is
 * an {@link RenewalRefused.InvalidRenewalRequest} with the rule's reason, so the step stays awaited
 * ({@link RenewalPlaybook6Test}), and what passes is the certificate as the events carry it.
 */
class PartnerCertificateRulesTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final KeyPair RSA = PartnerKeys.rsa(2048);

    @Test
    void takesTheCertificateAloneWrittenAnewFromTheTextThePartnerSent() {
        String pem = certificate(RSA, new KeyUsage(KeyUsage.keyEncipherment));

        CertificateInfo info = PartnerCertificateRules.check("our new certificate:\r\n" + pem.replace("\n", "\r\n"),
                NOW, PartnerCertificateUse.ENCRYPT_TO_PARTNER);

        assertThat(info.pem()).isEqualTo(pem);
        assertThat(info.subject()).contains("CN=acme 2027");
    }

    @Test
    void refusesACertificateWhoseKeyUsageDoesNotAllowWhatTheTenantDoesWithIt() {
        assertRefused(certificate(RSA, new KeyUsage(KeyUsage.digitalSignature)),
                PartnerCertificateUse.ENCRYPT_TO_PARTNER, "its keyUsage allows digitalSignature, and the tenant"
                        + " encrypts to this partner, which needs keyEncipherment");
        assertRefused(certificate(RSA, new KeyUsage(KeyUsage.keyEncipherment)),
                PartnerCertificateUse.VERIFY_SIGNATURES, "its keyUsage allows keyEncipherment, and the tenant"
                        + " verifies this partner's signatures, which needs digitalSignature (or nonRepudiation)");
        assertRefused(certificate(PartnerKeys.ec("secp256r1"), new KeyUsage(KeyUsage.keyEncipherment)),
                PartnerCertificateUse.ENCRYPT_TO_PARTNER, "the tenant encrypts to this partner, and encryption"
                        + " needs an RSA key");
        assertThat(PartnerCertificateRules.check(certificate(RSA, new KeyUsage(KeyUsage.digitalSignature)), NOW,
                PartnerCertificateUse.VERIFY_SIGNATURES).sha256()).isNotNull();
    }

    private static void assertRefused(String pem, PartnerCertificateUse use, String reason) {
        assertThatThrownBy(() -> PartnerCertificateRules.check(pem, NOW, use))
                .isInstanceOf(RenewalRefused.InvalidRenewalRequest.class)
                .hasMessageContaining(reason);
    }

    private static String certificate(KeyPair keys, KeyUsage keyUsage) {
        return PartnerKeys.certificate("CN=acme 2027, O=ACME", keys, NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(365)), false, keyUsage);
    }
}
