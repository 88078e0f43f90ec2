package io.keyrenewal.keystore.store;

/** Where a key pair stands in its alias's life. */
public enum EntryState {
    /** Generated for a renewal, stored, not yet the alias's key (playbooks 1 and 2 before the exchange). */
    STAGED,
    /** The alias's key: signs, decrypts. */
    ACTIVE,
    /** An earlier key of the alias, kept (until its retention date, if it has one) to decrypt or roll back to. */
    ARCHIVED,
    /** Gone from the keystore; only its history remains. */
    REMOVED
}
