package io.keyrenewal.keystore.store;

/** Whether an entry is its alias's current key pair or an earlier one kept so old messages can still be decrypted. */
public enum EntryState {
    ACTIVE, RETAINED
}
