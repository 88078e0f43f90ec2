package io.keyrenewal.contracts.alias;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.Require;

import java.time.Duration;
import java.time.Instant;

/**
 * What an inventory and an expiry watch need of a certificate: how to name it and when it is valid. No PEM, no key.
 *
 * @param serialNumber hex, as keytool prints it
 */
public record CertificateSummary(Fingerprint sha256, String subject, String issuer, String serialNumber,
                                 Instant notBefore, Instant notAfter) {

    public CertificateSummary {
        Require.present(sha256, "certificate.sha256");
        Require.text(subject, "certificate.subject");
        Require.text(issuer, "certificate.issuer");
        Require.text(serialNumber, "certificate.serialNumber");
        Require.present(notBefore, "certificate.notBefore");
        Require.present(notAfter, "certificate.notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("certificate.notAfter must not be before its notBefore");
        }
    }

    public static CertificateSummary of(CertificateInfo certificate) {
        return new CertificateSummary(certificate.sha256(), certificate.subject(), certificate.issuer(),
                certificate.serialNumber(), certificate.notBefore(), certificate.notAfter());
    }

    /** Whole days from {@code now} until it expires, rounded down; negative once it has expired. */
    public long daysLeft(Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
    }

    public Duration lifetime() {
        return Duration.between(notBefore, notAfter);
    }
}
