package io.keyrenewal.keystore.certificate;

import io.keyrenewal.contracts.renewal.PartnerCertificatePolicy;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import org.springframework.stereotype.Component;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The checks a partner's certificate passes before the keystore takes it: the contracts' {@link PartnerCertificatePolicy}
 * (the rule the renewal checked before it asked the keystore) with the configured limits
 * ({@link PartnerCertificateProperties}), at the keystore's time. Whether the partner really sent it (its signature over
 * the confirmation) is the renewal's business. Each refusal is an {@link InvalidPartnerCertificate} that says why.
 */
@Component
public class PartnerCertificateCheck {

    private final PartnerCertificatePolicy policy;

    public PartnerCertificateCheck(PartnerCertificateProperties properties) {
        this.policy = properties.policy();
    }

    /**
     * @param pem the partner's certificate as PEM
     * @param now the keystore's time
     * @param use what the tenant does with it, as the renewal says; null when the tenant administrator imports it,
     *            who names no use: the checks that depend on it are left out
     * @return the certificate, once every check passed
     * @throws InvalidPartnerCertificate naming the first check it fails
     */
    public X509Certificate check(String pem, Instant now, PartnerCertificateUse use) {
        return policy.check(pem, now, use).orElseThrow(InvalidPartnerCertificate::new);
    }
}
