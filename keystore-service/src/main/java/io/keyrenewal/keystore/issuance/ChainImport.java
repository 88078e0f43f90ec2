package io.keyrenewal.keystore.issuance;

import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.keystore.store.KeystoreEntry;

/**
 * The outcome of importing a CA's certificate chain.
 *
 * @param imported    false if the key pair had this certificate already (the same chain imported again)
 * @param entry       the entry that holds the key pair now
 * @param chainLength how many certificates were stored, the leaf included
 * @param report      what was reported for the renewal
 */
public record ChainImport(boolean imported, KeystoreEntry entry, int chainLength, KeyPairGenerated report) {
}
