package io.keyrenewal.keystore.store;

/** What removing a retained key pair found. */
public enum RetainedKeyRemoval {
    /** The retained entry existed and is gone now. */
    REMOVED,
    /** No entry of the alias holds that certificate (removed earlier): nothing left to do. */
    ALREADY_ABSENT
}
