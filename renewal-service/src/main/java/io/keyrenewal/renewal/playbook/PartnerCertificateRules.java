package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.renewal.PartnerCertificatePolicy;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;

import java.time.Instant;

/**
 * What a partner's new certificate must be for a renewal to take it: the contracts' {@link PartnerCertificatePolicy}
 * with its defaults, the rule the keystore checks again when it imports the certificate (with its configured limits,
 * the defaults unless changed). A certificate refused here is refused before its step is taken, so the partner can
 * send another.
 */
final class PartnerCertificateRules {

    private PartnerCertificateRules() {
    }

    /**
     * @param use what the tenant does with the certificate, from the playbook
     * @return the certificate as events carry it (its PEM written anew, nothing of the text around it), once every
     *         check passed
     * @throws RenewalRefused.InvalidRenewalRequest naming the first check it fails
     */
    static CertificateInfo check(String pem, Instant now, PartnerCertificateUse use) {
        return CertificateInfo.of(PartnerCertificatePolicy.DEFAULTS.check(pem, now, use)
                .orElseThrow(RenewalRefused.InvalidRenewalRequest::new));
    }
}
