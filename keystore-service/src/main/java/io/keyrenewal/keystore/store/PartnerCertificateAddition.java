package io.keyrenewal.keystore.store;

/**
 * What adding a partner's certificate to an alias did.
 *
 * @param entry the entry that holds the certificate now
 * @param added false if the alias held it already: nothing changed
 */
public record PartnerCertificateAddition(KeystoreEntry entry, boolean added) {
}
