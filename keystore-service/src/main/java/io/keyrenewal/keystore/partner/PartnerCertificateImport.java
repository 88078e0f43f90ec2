package io.keyrenewal.keystore.partner;

import io.keyrenewal.keystore.store.Exchange;
import io.keyrenewal.keystore.store.KeystoreEntry;

/**
 * What importing a partner's certificate did.
 *
 * @param entry    the entry that holds the certificate now: its SHA-256, serial, subject, issuer and validity are
 *                 what the tenant confirms back to the partner
 * @param imported false if the alias held the certificate already: nothing was added
 * @param switched the switch to it, if it was asked to become the active one and did; null otherwise
 */
public record PartnerCertificateImport(KeystoreEntry entry, boolean imported, Exchange switched) {
}
