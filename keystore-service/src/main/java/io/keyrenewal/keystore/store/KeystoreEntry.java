package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.certificate.PublicCertificate;

import java.time.Instant;

/**
 * The public part of one entry: its name, the alias it belongs to, its state, its certificate and what it is.
 *
 * @param retainedUntil for an archived entry, the date before which it must not be removed; null: no date (kept
 *                      until a renewal removes it)
 * @param type          a key pair, or a partner's certificate (no private key)
 */
public record KeystoreEntry(String entryName, String alias, EntryState state, PublicCertificate certificate,
                            Instant retainedUntil, EntryType type) {

    public boolean isPartnerCertificate() {
        return type == EntryType.PARTNER_CERTIFICATE;
    }
}
