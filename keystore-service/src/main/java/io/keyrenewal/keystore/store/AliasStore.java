package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.keystore.certificate.PublicCertificate;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PKCS12Attribute;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The loaded entries of one alias. An archived entry carries its retention date as a PKCS#12 bag attribute
 * ({@link #RETAINED_UNTIL}), so the date lives in the same atomically written file as the key.
 * <p>
 * The entries are key pairs (key bags with their chain), or a partner's certificates: trusted-certificate bags
 * ({@link KeyStore.TrustedCertificateEntry}, which the JDK's PKCS#12 writes with its trusted key usage attribute and
 * reads back as such), named and retained like key pairs, with no private key. An alias never holds both.
 */
final class AliasStore {

    /** OID of the "retained until" bag attribute (ISO instant): a UUID-based OID (arc 2.25, ITU-T X.667). */
    static final String RETAINED_UNTIL = "2.25.204938378029611880466488672400572082646";

    private final KeystoreAlias alias;
    private final KeyStore store;
    private final KeyStore.PasswordProtection protection;
    private List<KeystoreEntry> entries;
    /** The retention date of each archived entry read or written so far (null: none): read once, decrypting. */
    private final Map<String, Instant> retention = new HashMap<>();

    AliasStore(KeystoreAlias alias, KeyStore store, char[] password) {
        this.alias = alias;
        this.store = store;
        this.protection = new KeyStore.PasswordProtection(password);
    }

    KeyStore keyStore() {
        return store;
    }

    boolean isEmpty() {
        return entries().isEmpty();
    }

    /** The entries, read once per change (reading a retention date decrypts its entry). */
    List<KeystoreEntry> entries() {
        if (entries == null) {
            entries = List.copyOf(readEntries());
        }
        return entries;
    }

    private List<KeystoreEntry> readEntries() {
        try {
            List<KeystoreEntry> entries = new ArrayList<>();
            for (String name : Collections.list(store.aliases())) {
                EntryType type = store.isKeyEntry(name) ? EntryType.KEY_PAIR
                        : store.isCertificateEntry(name) ? EntryType.PARTNER_CERTIFICATE : null;
                if (type != null && store.getCertificate(name) instanceof X509Certificate certificate) {
                    EntryState state = KeystoreAlias.stateOf(name);
                    if (state == EntryState.ARCHIVED && !retention.containsKey(name)) {
                        retention.put(name, retainedUntil(name, type));
                    }
                    Instant until = state == EntryState.ARCHIVED ? retention.get(name) : null;
                    entries.add(new KeystoreEntry(name, alias.value(), state, new PublicCertificate(certificate),
                            until, type));
                }
            }
            entries.sort(Comparator.comparing((KeystoreEntry entry) -> entry.state() != EntryState.ACTIVE)
                    .thenComparing(KeystoreEntry::state)
                    .thenComparing(KeystoreEntry::entryName));
            return entries;
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot read the entries of alias '" + alias + "': " + e.getMessage(), e);
        }
    }

    Optional<KeystoreEntry> active() {
        return entries().stream().filter(entry -> entry.state() == EntryState.ACTIVE).findFirst();
    }

    /** The type of the alias's entries; empty if it holds none. */
    Optional<EntryType> type() {
        return entries().stream().map(KeystoreEntry::type).findFirst();
    }

    Optional<KeystoreEntry> holding(Fingerprint fingerprint) {
        return entries().stream().filter(entry -> entry.certificate().fingerprint().equals(fingerprint)).findFirst();
    }

    void put(String entryName, PrivateKey key, X509Certificate certificate, Instant retainedUntil) {
        put(entryName, key, new Certificate[]{certificate}, retainedUntil);
    }

    /** Stores a partner's certificate as a trusted-certificate entry: no key, no password. */
    KeystoreEntry putTrusted(String entryName, X509Certificate certificate, Instant retainedUntil) {
        try {
            store.setEntry(entryName, new KeyStore.TrustedCertificateEntry(certificate, attributes(retainedUntil)),
                    null);
            retention.put(entryName, retainedUntil);
            entries = null;
            return new KeystoreEntry(entryName, alias.value(), KeystoreAlias.stateOf(entryName),
                    new PublicCertificate(certificate), retainedUntil, EntryType.PARTNER_CERTIFICATE);
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot store entry '" + entryName + "': " + e.getMessage(), e);
        }
    }

    /** Renames {@code entry} to {@code entryName}, with {@code retainedUntil} (or without a date if null). */
    KeystoreEntry move(KeystoreEntry entry, String entryName, Instant retainedUntil) {
        return relocate(entry, entryName, null, retainedUntil);
    }

    /** Stores the key of {@code entry} under {@code entryName} with {@code chain} (leaf first) instead of its own. */
    KeystoreEntry certify(KeystoreEntry entry, String entryName, X509Certificate[] chain) {
        return relocate(entry, entryName, chain, entry.retainedUntil());
    }

    private KeystoreEntry relocate(KeystoreEntry entry, String entryName, X509Certificate[] newChain,
                                   Instant retainedUntil) {
        try {
            if (entry.isPartnerCertificate()) {
                delete(entry);
                return putTrusted(entryName, entry.certificate().certificate(), retainedUntil);
            }
            PrivateKey key = (PrivateKey) store.getKey(entry.entryName(), protection.getPassword());
            Certificate[] chain = newChain != null ? newChain : store.getCertificateChain(entry.entryName());
            store.deleteEntry(entry.entryName());
            retention.remove(entry.entryName());
            entries = null;
            put(entryName, key, chain, retainedUntil);
            return new KeystoreEntry(entryName, alias.value(), KeystoreAlias.stateOf(entryName),
                    new PublicCertificate((X509Certificate) chain[0]), retainedUntil, EntryType.KEY_PAIR);
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot move entry '" + entry.entryName() + "': " + e.getMessage(), e);
        }
    }

    PrivateKey privateKey(KeystoreEntry entry) {
        if (entry.isPartnerCertificate()) {
            throw new OperationRefused("'" + entry.entryName() + "' is a partner certificate: the keystore holds no"
                    + " private key for it");
        }
        try {
            return (PrivateKey) store.getKey(entry.entryName(), protection.getPassword());
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot read entry '" + entry.entryName() + "': " + e.getMessage(), e);
        }
    }

    /** The certificate chain of the entry, leaf first; empty if there is no such key entry. */
    List<PublicCertificate> chain(String entryName) {
        try {
            Certificate[] chain = store.isKeyEntry(entryName) ? store.getCertificateChain(entryName)
                    : store.isCertificateEntry(entryName) ? new Certificate[]{store.getCertificate(entryName)} : null;
            if (chain == null) {
                return List.of();
            }
            return java.util.Arrays.stream(chain)
                    .map(certificate -> new PublicCertificate((X509Certificate) certificate))
                    .toList();
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot read entry '" + entryName + "': " + e.getMessage(), e);
        }
    }

    void delete(KeystoreEntry entry) {
        try {
            store.deleteEntry(entry.entryName());
            retention.remove(entry.entryName());
            entries = null;
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot delete entry '" + entry.entryName() + "': " + e.getMessage(), e);
        }
    }

    private void put(String entryName, PrivateKey key, Certificate[] chain, Instant retainedUntil) {
        try {
            store.setEntry(entryName, new KeyStore.PrivateKeyEntry(key, chain, attributes(retainedUntil)), protection);
            retention.put(entryName, retainedUntil);
            entries = null;
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot store entry '" + entryName + "': " + e.getMessage(), e);
        }
    }

    private static Set<KeyStore.Entry.Attribute> attributes(Instant retainedUntil) {
        return retainedUntil == null ? Set.of() : Set.of(new PKCS12Attribute(RETAINED_UNTIL, retainedUntil.toString()));
    }

    /** The retention date bag attribute; a trusted-certificate entry is read without a password (nothing encrypted). */
    private Instant retainedUntil(String entryName, EntryType type) throws GeneralSecurityException {
        KeyStore.Entry entry = store.getEntry(entryName, type == EntryType.KEY_PAIR ? protection : null);
        return entry.getAttributes().stream()
                .filter(attribute -> attribute.getName().equals(RETAINED_UNTIL))
                .map(attribute -> Instant.parse(attribute.getValue()))
                .findFirst()
                .orElse(null);
    }
}
