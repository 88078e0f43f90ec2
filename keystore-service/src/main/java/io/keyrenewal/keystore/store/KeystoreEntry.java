package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.certificate.PublicCertificate;

/** The public part of one key entry: its name, the alias it belongs to, its state and its certificate. */
public record KeystoreEntry(String entryName, String alias, EntryState state, PublicCertificate certificate) {
}
