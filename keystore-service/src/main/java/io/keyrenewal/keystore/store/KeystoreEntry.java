package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.certificate.PublicCertificate;

import java.time.Instant;

/**
 * The public part of one key entry: its name, the alias it belongs to, its state and its certificate.
 *
 * @param retainedUntil for an archived entry, the date before which it must not be removed; null: no date (kept
 *                      until a renewal removes it)
 */
public record KeystoreEntry(String entryName, String alias, EntryState state, PublicCertificate certificate,
                            Instant retainedUntil) {
}
