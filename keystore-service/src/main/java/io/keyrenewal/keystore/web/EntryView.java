package io.keyrenewal.keystore.web;

import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.EntryType;
import io.keyrenewal.keystore.store.KeystoreEntry;

import java.time.Instant;

/**
 * One keystore entry as the API shows it: public material only.
 *
 * @param entryType {@code KEY_PAIR} (the tenant's) or {@code PARTNER_CERTIFICATE} (a partner's, no private key)
 */
record EntryView(String entryName, String alias, EntryState state, String sha256, String sha1, String issuer,
                 String subject, String serialNumber, String subjectKeyIdentifier, Instant notBefore,
                 Instant notAfter, Instant retainedUntil, String keyAlgorithm, EntryType entryType) {

    static EntryView of(KeystoreEntry entry) {
        PublicCertificate certificate = entry.certificate();
        return new EntryView(entry.entryName(), entry.alias(), entry.state(), certificate.fingerprint().value(),
                certificate.sha1Hex(), certificate.issuer(), certificate.subject(), certificate.serialHex(),
                certificate.subjectKeyIdentifierHex(), certificate.certificate().getNotBefore().toInstant(),
                certificate.certificate().getNotAfter().toInstant(), entry.retainedUntil(),
                certificate.keyAlgorithm(), entry.type());
    }
}
