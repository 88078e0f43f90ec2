package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The tenant keystore as one PKCS#12 per alias holding the alias's active, staged and archived entries, kept in the
 * service's database ({@link AliasRows}): every instance of the service sees the same keys, and a change commits
 * together with whatever else the caller's transaction writes (the handled message, the entry history). A change
 * touches one alias's row only, so its cost does not grow with the number of aliases; changes of one alias are
 * serialized by the row's lock, across instances; different aliases change in parallel.
 * <p>
 * After each committed change the alias's content is exported to {@code <folder>/<alias>.p12}, readable by keytool
 * with the keystore password. The export is a copy: each instance writes the changes it made. At start, a
 * {@code .p12} file of an alias the database does not know yet (the files of earlier versions) is imported.
 * <p>
 * The public part of every entry is also kept in an index ({@link EntryIndex}), written with the alias's row: a
 * listing reads it and opens no PKCS#12. At start, the aliases whose rows were written before the index existed are
 * indexed, once, each under its row's lock.
 * <p>
 * Every change is also queued in the {@link AliasOutbox}, in its transaction, for {@code keystore.aliases.v1}; once it
 * has committed, an {@link AliasChanged} event tells the publisher.
 */
@Component
@DependsOnDatabaseInitialization
public class Pkcs12TenantKeystore implements TenantKeystore {

    static final String FILE_SUFFIX = ".p12";
    private static final Logger log = LoggerFactory.getLogger(Pkcs12TenantKeystore.class);

    private final Path folder;
    private final char[] password;
    private final AliasRows rows;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    /** A keystore on the system clock that tells no one of its changes (tests, tools). */
    public Pkcs12TenantKeystore(KeystoreFileProperties properties, DataSource dataSource) {
        this(properties, dataSource, Clock.systemUTC(), event -> {
        });
    }

    /**
     * @param clock  the keystore's clock: the time of each change
     * @param events receives an {@link AliasChanged} after each committed change
     */
    @Autowired
    public Pkcs12TenantKeystore(KeystoreFileProperties properties, DataSource dataSource, Clock clock,
                                ApplicationEventPublisher events) {
        this.folder = properties.folder().toAbsolutePath();
        this.password = properties.resolvePassword();
        this.events = events;
        this.rows = new AliasRows(dataSource, clock);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        LegacyKeystoreMigration.migrate(folder, password);
        importFiles();
        indexUnindexed();
    }

    @Override
    public Optional<PublicCertificate> install(KeystoreAlias alias, IssuedKeyPair keyPair) {
        return change(alias, store -> {
            requireType(store, alias, EntryType.KEY_PAIR);
            Optional<PublicCertificate> previous = store.active()
                    .map(active -> archive(store, active, null).certificate());
            store.put(alias.currentEntryName(), keyPair.privateKey(), keyPair.certificate(), null);
            return Change.written(previous);
        });
    }

    @Override
    public Optional<PublicCertificate> stage(KeystoreAlias alias, IssuedKeyPair keyPair) {
        return change(alias, store -> {
            requireType(store, alias, EntryType.KEY_PAIR);
            Optional<PublicCertificate> active = store.active().map(KeystoreEntry::certificate);
            store.put(alias.stagedEntryName(keyPair.publicCertificate().serialHex()), keyPair.privateKey(),
                    keyPair.certificate(), null);
            return Change.written(active);
        });
    }

    @Override
    public KeystoreEntry installChain(KeystoreAlias alias, Fingerprint staged, List<X509Certificate> chain) {
        PublicCertificate leaf = new PublicCertificate(chain.get(0));
        return change(alias, store -> {
            requireType(store, alias, EntryType.KEY_PAIR);
            Optional<KeystoreEntry> installed = store.holding(leaf.fingerprint());
            if (installed.isPresent()) {
                return Change.none(installed.get());
            }
            KeystoreEntry entry = store.holding(staged).orElseThrow(() -> new OperationRefused("alias '" + alias
                    + "' holds no staged key pair with certificate " + staged + " any more (discarded?)"));
            if (entry.state() != EntryState.STAGED) {
                throw new OperationRefused("certificate " + staged + " of alias '" + alias + "' is " + entry.state()
                        + ": only a staged key pair gets a CA's certificate");
            }
            if (!entry.certificate().publicKeySha256().equals(leaf.publicKeySha256())) {
                throw new OperationRefused("the certificate " + leaf.fingerprint() + " is for another key than the"
                        + " staged key pair " + staged + " of alias '" + alias + "'");
            }
            return Change.written(store.certify(entry, alias.stagedEntryName(leaf.serialHex()),
                    chain.toArray(X509Certificate[]::new)));
        });
    }

    @Override
    public PartnerCertificateAddition addPartnerCertificate(KeystoreAlias alias, X509Certificate certificate) {
        PublicCertificate added = new PublicCertificate(certificate);
        return change(alias, store -> {
            requireType(store, alias, EntryType.PARTNER_CERTIFICATE);
            Optional<KeystoreEntry> held = store.holding(added.fingerprint());
            if (held.isPresent()) {
                return Change.none(new PartnerCertificateAddition(held.get(), false));
            }
            Optional<KeystoreEntry> sameSerial = store.entries().stream()
                    .filter(entry -> entry.certificate().serialHex().equals(added.serialHex())).findFirst();
            if (sameSerial.isPresent()) {
                throw new OperationRefused("alias '" + alias + "' holds another certificate with serial "
                        + added.serialHex() + " (entry '" + sameSerial.get().entryName() + "', issuer '"
                        + sameSerial.get().certificate().issuer() + "'): its entries are named by serial, so the"
                        + " new certificate needs an alias of its own or the other one removed first");
            }
            return Change.written(new PartnerCertificateAddition(
                    store.putTrusted(alias.stagedEntryName(added.serialHex()), certificate, null), true));
        });
    }

    @Override
    public Exchange exchange(KeystoreAlias alias, Fingerprint staged, Instant archiveUntil) {
        return exchange(alias, EntryType.KEY_PAIR, staged, archiveUntil);
    }

    @Override
    public Exchange switchPartnerCertificate(KeystoreAlias alias, Fingerprint staged, Instant archiveUntil) {
        return exchange(alias, EntryType.PARTNER_CERTIFICATE, staged, archiveUntil);
    }

    private Exchange exchange(KeystoreAlias alias, EntryType type, Fingerprint staged, Instant archiveUntil) {
        return change(alias, store -> {
            requireType(store, alias, type);
            KeystoreEntry entry = store.holding(staged).orElseThrow(() -> new OperationRefused("alias '" + alias
                    + "' holds no staged " + type.noun() + " with certificate " + staged));
            if (entry.state() == EntryState.ACTIVE) {
                KeystoreEntry lastArchived = store.entries().stream()
                        .filter(archived -> archived.state() == EntryState.ARCHIVED)
                        .filter(archived -> archived.retainedUntil() != null)
                        .max(Comparator.comparing(KeystoreEntry::retainedUntil))
                        .orElse(null);
                return Change.none(new Exchange(entry.certificate(),
                        lastArchived == null ? null : lastArchived.certificate(),
                        lastArchived == null ? null : lastArchived.retainedUntil()));
            }
            if (entry.state() != EntryState.STAGED) {
                throw new OperationRefused("certificate " + staged + " of alias '" + alias + "' is " + entry.state()
                        + ", not staged: only a staged " + type.noun() + " can be exchanged in");
            }
            Optional<KeystoreEntry> archived = store.active().map(active -> archive(store, active, archiveUntil));
            store.move(entry, alias.currentEntryName(), null);
            return Change.written(new Exchange(entry.certificate(),
                    archived.map(KeystoreEntry::certificate).orElse(null), archived.isPresent() ? archiveUntil : null));
        });
    }

    @Override
    public Rollback rollBack(KeystoreAlias alias, CertificateRef reactivate, CertificateRef deactivate) {
        return change(alias, store -> {
            requireType(store, alias, EntryType.KEY_PAIR);
            Optional<KeystoreEntry> old = store.holding(reactivate.sha256());
            Optional<KeystoreEntry> active = store.active();
            if (old.isPresent() && old.get().state() == EntryState.ACTIVE) {
                KeystoreEntry deactivated = store.holding(deactivate.sha256()).orElse(null);
                return Change.none(new Rollback(old.get().certificate(),
                        deactivated == null ? null : deactivated.certificate(),
                        deactivated == null ? null : deactivated.retainedUntil()));
            }
            if (old.isEmpty() || old.get().state() != EntryState.ARCHIVED) {
                throw new OperationRefused("certificate " + reactivate.sha256() + " (serial "
                        + reactivate.serialNumber() + ") is no longer retained under alias '" + alias
                        + "': nothing to roll back to");
            }
            if (active.isEmpty() || !active.get().certificate().matches(deactivate)) {
                throw new OperationRefused("certificate " + deactivate.sha256() + " (serial "
                        + deactivate.serialNumber() + ") is not the active key pair of alias '" + alias + "'");
            }
            Instant until = old.get().retainedUntil();
            KeystoreEntry deactivated = archive(store, active.get(), until);
            store.move(old.get(), alias.currentEntryName(), null);
            return Change.written(new Rollback(old.get().certificate(), deactivated.certificate(), until));
        });
    }

    @Override
    public Optional<PublicCertificate> discardStaged(KeystoreAlias alias, Fingerprint staged) {
        return change(alias, store -> {
            requireType(store, alias, EntryType.KEY_PAIR);
            Optional<KeystoreEntry> entry = store.holding(staged);
            if (entry.isEmpty()) {
                return Change.none(Optional.empty());
            }
            if (entry.get().state() != EntryState.STAGED) {
                throw new OperationRefused("certificate " + staged + " of alias '" + alias + "' is "
                        + entry.get().state() + ": only a staged key pair, never used, can be discarded");
            }
            store.delete(entry.get());
            return Change.written(Optional.of(entry.get().certificate()));
        });
    }

    @Override
    public RetainedKeyRemoval removeRetained(KeystoreAlias alias, CertificateRef certificate, Instant now) {
        return remove(alias, EntryType.KEY_PAIR, certificate.sha256(), now).isPresent() ? RetainedKeyRemoval.REMOVED
                : RetainedKeyRemoval.ALREADY_ABSENT;
    }

    @Override
    public Optional<KeystoreEntry> removePartnerCertificate(KeystoreAlias alias, Fingerprint certificate,
                                                            Instant now) {
        return remove(alias, EntryType.PARTNER_CERTIFICATE, certificate, now);
    }

    /**
     * Removes the archived entry holding {@code certificate} once its retention date is past {@code now}; a staged
     * partner certificate (never the alias's own) at once. Empty if the alias holds no such entry (any more).
     */
    private Optional<KeystoreEntry> remove(KeystoreAlias alias, EntryType type, Fingerprint certificate,
                                           Instant now) {
        return change(alias, store -> {
            Optional<KeystoreEntry> holding = store.holding(certificate);
            if (holding.isEmpty()) {
                return Change.none(Optional.empty());
            }
            requireType(store, alias, type);
            KeystoreEntry entry = holding.get();
            boolean discardable = type == EntryType.PARTNER_CERTIFICATE && entry.state() == EntryState.STAGED;
            if (entry.state() != EntryState.ARCHIVED && !discardable) {
                throw new OperationRefused("certificate " + certificate + " (serial "
                        + entry.certificate().serialHex() + ") is the " + (entry.state() == EntryState.ACTIVE
                        ? "current" : "staged") + " " + type.noun() + " of alias '" + alias
                        + "'; only an archived " + type.noun() + " can be removed");
            }
            if (entry.retainedUntil() != null && now.isBefore(entry.retainedUntil())) {
                throw new OperationRefused("certificate " + certificate + " (serial "
                        + entry.certificate().serialHex() + ") of alias '" + alias + "': retention not elapsed until "
                        + entry.retainedUntil() + " (keystore time " + now + ")");
            }
            store.delete(entry);
            return Change.written(Optional.of(entry));
        });
    }

    @Override
    public EntryPage entries(EntryQuery query) {
        return rows.index().page(query);
    }

    @Override
    public List<KeystoreEntry> entriesOf(KeystoreAlias alias) {
        return read(alias, AliasStore::entries);
    }

    @Override
    public Optional<KeystoreEntry> entry(String entryName) {
        return KeystoreAlias.owning(entryName).flatMap(alias -> entriesOf(alias).stream()
                .filter(entry -> entry.entryName().equals(entryName))
                .findFirst());
    }

    @Override
    public Optional<KeystoreEntry> current(KeystoreAlias alias) {
        return read(alias, AliasStore::active);
    }

    @Override
    public Optional<KeystoreEntry> entryHolding(KeystoreAlias alias, Fingerprint fingerprint) {
        return read(alias, store -> store.holding(fingerprint));
    }

    @Override
    public <T> T withPrivateKey(KeystoreAlias alias, Fingerprint certificate, PrivateKeyUse<T> use) {
        return read(alias, store -> {
            KeystoreEntry entry = store.holding(certificate)
                    .orElseThrow(() -> new OperationRefused("alias '" + alias + "' holds no key pair with certificate "
                            + certificate));
            try {
                return use.apply(store.privateKey(entry), entry.certificate());
            } catch (java.security.GeneralSecurityException e) {
                throw new OperationRefused("the key pair " + certificate + " of alias '" + alias + "' cannot do that: "
                        + e.getMessage());
            }
        });
    }

    @Override
    public List<PublicCertificate> chain(String entryName) {
        return KeystoreAlias.owning(entryName).map(alias -> read(alias, store -> store.chain(entryName)))
                .orElse(List.of());
    }

    /** The export of {@code alias}: its entries as of the last change this instance made. */
    public Path fileOf(KeystoreAlias alias) {
        return folder.resolve(alias.value() + FILE_SUFFIX);
    }

    /**
     * Imports every {@code <alias>.p12} of the folder whose alias has no row yet: the keys of an earlier version that
     * kept them in files only. The file must open with the keystore password; an alias known to the database keeps
     * its row (the file is then an export, maybe older).
     */
    private void importFiles() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Map<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder, "*" + FILE_SUFFIX)) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                KeystoreAlias.owning(name.substring(0, name.length() - FILE_SUFFIX.length()))
                        .filter(alias -> fileOf(alias).equals(file))
                        .ifPresent(alias -> files.put(alias.value(), file));
            }
        } catch (IOException e) {
            throw new KeystoreUnavailable("cannot list keystore folder " + folder + ": " + e.getMessage(), e);
        }
        files.keySet().removeAll(rows.known(List.copyOf(files.keySet())));
        int imported = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            KeystoreAlias alias = KeystoreAlias.of(file.getKey());
            Pkcs12File pkcs12 = new Pkcs12File(file.getValue(), password);
            List<KeystoreEntry> entries = new AliasStore(alias, pkcs12.load(), password).entries();
            if (rows.insertIfAbsent(alias, pkcs12.bytes(), entries)) {
                imported++;
            }
        }
        if (imported > 0) {
            log.warn("Imported the key pairs of {} aliases from the files under {} into the database; the files stay"
                    + " as exports", imported, folder);
        }
    }

    /**
     * Indexes the entries of every alias whose row the index does not show (written before the index existed, or by
     * an earlier version of the service): once, each alias in a transaction of its own under its row's lock, skipped
     * if another instance starting at the same time indexed it first.
     */
    private void indexUnindexed() {
        List<KeystoreAlias> unindexed = rows.unindexed();
        if (unindexed.isEmpty()) {
            return;
        }
        log.info("Indexing the entries of {} aliases written before the entry index (once)", unindexed.size());
        long start = System.nanoTime();
        int indexed = 0;
        for (KeystoreAlias alias : unindexed) {
            Boolean done = transaction.execute(status -> rows.lockUnindexed(alias).map(content -> {
                rows.indexed(alias, open(alias, content.length == 0 ? null : content).entries());
                return true;
            }).orElse(false));
            if (Boolean.TRUE.equals(done)) {
                indexed++;
            }
        }
        log.info("Indexed the entries of {} aliases in {} ms ({} indexed by another instance meanwhile)", indexed,
                (System.nanoTime() - start) / 1_000_000, unindexed.size() - indexed);
    }

    /** Refuses a change of {@code type} to an alias that holds entries of the other type. */
    private static void requireType(AliasStore store, KeystoreAlias alias, EntryType type) {
        Optional<EntryType> held = store.type();
        if (held.isPresent() && held.get() != type) {
            throw new OperationRefused("alias '" + alias + "' holds " + held.get().noun() + "s, not "
                    + type.noun() + "s: an alias never mixes key pairs and partner certificates");
        }
    }

    private static KeystoreEntry archive(AliasStore store, KeystoreEntry active, Instant until) {
        KeystoreAlias alias = new KeystoreAlias(active.alias());
        return store.move(active, alias.retainedEntryName(active.certificate().serialHex()), until);
    }

    private <T> T read(KeystoreAlias alias, Function<AliasStore, T> function) {
        return function.apply(open(alias, rows.read(alias).orElse(null)));
    }

    private AliasStore open(KeystoreAlias alias, byte[] content) {
        return new AliasStore(alias, Pkcs12File.parse(content, password, "the keystore of alias '" + alias + "'"),
                password);
    }

    /**
     * Applies {@code function} to the alias's entries under the row's lock, in the caller's transaction if there is
     * one (the change then commits or rolls back with it), else in a transaction of its own. A refusal thrown by
     * {@code function} writes nothing.
     */
    private <T> T change(KeystoreAlias alias, Function<AliasStore, Change<T>> function) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return changeLocked(alias, function);
        }
        return transaction.execute(status -> changeLocked(alias, function));
    }

    private <T> T changeLocked(KeystoreAlias alias, Function<AliasStore, Change<T>> function) {
        AliasStore store = open(alias, rows.lock(alias));
        Optional<EntryType> heldBefore = store.type();
        Change<T> change = function.apply(store);
        if (change.modified()) {
            byte[] content = store.isEmpty() ? null : Pkcs12File.serialize(store.keyStore(), password);
            // an alias emptied by this change still says what it held
            EntryType kind = store.type().or(() -> heldBefore).orElse(EntryType.KEY_PAIR);
            rows.write(alias, content, store.entries(), kind);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    export(alias, content);
                    events.publishEvent(new AliasChanged(alias));
                }
            });
        }
        return change.result();
    }

    /** Writes the committed content of {@code alias} to its file; a failure leaves the keys safe in the database. */
    private void export(KeystoreAlias alias, byte[] content) {
        Pkcs12File file = new Pkcs12File(fileOf(alias), password);
        try {
            if (content == null) {
                file.delete();
            } else {
                file.write(content);
            }
        } catch (KeystoreUnavailable e) {
            log.warn("Alias '{}': the change is committed, but its export {} could not be written: {}", alias,
                    file.path(), e.getMessage());
        }
    }

    private record Change<T>(T result, boolean modified) {

        static <T> Change<T> written(T result) {
            return new Change<>(result, true);
        }

        static <T> Change<T> none(T result) {
            return new Change<>(result, false);
        }
    }
}
