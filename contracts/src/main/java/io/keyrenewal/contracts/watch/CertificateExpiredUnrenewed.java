package io.keyrenewal.contracts.watch;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Escalation: the certificate {@code sha256} of {@code alias} expired at {@code notAfter} and no renewal replaced
 * it. {@code openRenewal} is the renewal still under way, if any; {@code subject} the certificate's subject (null in
 * events recorded before it was carried).
 */
public record CertificateExpiredUnrenewed(String alias, Fingerprint sha256, String serialNumber, String subject,
                                          Instant notAfter,
                                          RenewalId openRenewal, Instant at) implements AliasWatchEvent {

    public CertificateExpiredUnrenewed {
        Require.text(alias, "alias");
        Require.present(sha256, "sha256");
        Require.text(serialNumber, "serialNumber");
        Require.present(notAfter, "notAfter");
        Require.present(at, "at");
    }
}
