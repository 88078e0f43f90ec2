package io.keyrenewal.keystore.certificate;

import io.keyrenewal.contracts.renewal.CertificateRequestRules;

/**
 * What a renewal asks of its new certificate; null fields take the keystore's configured defaults.
 *
 * @param subjectDn    X.500 name (RFC 2253); null: {@code CN=<alias>, O=<organization>}
 * @param validityDays null: {@code keyrenewal.keystore.certificate.validity}
 */
public record CertificateTerms(String subjectDn, Integer validityDays) {

    public static final CertificateTerms DEFAULTS = new CertificateTerms(null, null);

    /** @throws KeyGenerationFailed naming the field and why it cannot be used */
    public CertificateTerms {
        CertificateRequestRules.subjectDnProblem(subjectDn).ifPresent(problem -> {
            throw new KeyGenerationFailed("subjectDn '" + subjectDn + "' " + problem, null);
        });
        CertificateRequestRules.validityDaysProblem(validityDays).ifPresent(problem -> {
            throw new KeyGenerationFailed("validityDays " + problem, null);
        });
    }
}
