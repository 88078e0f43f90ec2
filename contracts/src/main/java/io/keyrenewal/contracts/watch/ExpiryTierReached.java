package io.keyrenewal.contracts.watch;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.playbook.KeyPurpose;

import java.time.Instant;

/**
 * The certificate of {@code alias} expires within {@code tierDays} days (one of the configured tiers, e.g. 60, 30,
 * 14, 7): reported once per certificate and tier, the tenant is told. Where the clock passed several tiers at once,
 * only the nearest is reported.
 *
 * @param subject      the certificate's subject (the distinguished name a tenant knows it by); null in events
 *                     recorded before it was carried
 * @param daysLeft     whole days left at {@code at}
 * @param partnerId    the alias's partner as the watch knows it (its policy, else its last renewal); null if none
 * @param purpose      the alias's purpose as the watch knows it; null if none
 * @param openRenewal  the alias's renewal under way, null if none
 */
public record ExpiryTierReached(String alias, Fingerprint sha256, String serialNumber, String subject,
                                Instant notAfter,
                                int tierDays, long daysLeft, PartnerId partnerId, KeyPurpose purpose,
                                RenewalId openRenewal, Instant at) implements AliasWatchEvent {

    public ExpiryTierReached {
        Require.text(alias, "alias");
        Require.present(sha256, "sha256");
        Require.text(serialNumber, "serialNumber");
        Require.present(notAfter, "notAfter");
        Require.present(at, "at");
        if (tierDays <= 0) {
            throw new IllegalArgumentException("tierDays must be positive");
        }
    }
}
