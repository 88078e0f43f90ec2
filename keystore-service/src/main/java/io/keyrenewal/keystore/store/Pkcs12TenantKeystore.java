package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The tenant keystore as one PKCS#12 file per alias ({@code <folder>/<alias>.p12}, readable by keytool with the
 * keystore password) holding the alias's active, staged and archived entries. A change touches one alias's file
 * only, so its cost does not grow with the number of aliases; it is written atomically ({@link Pkcs12File}). Changes
 * of one alias are serialized; different aliases change in parallel.
 */
@Component
public class Pkcs12TenantKeystore implements TenantKeystore {

    static final String FILE_SUFFIX = ".p12";

    private final Path folder;
    private final char[] password;
    private final ConcurrentMap<KeystoreAlias, ReentrantLock> writers = new ConcurrentHashMap<>();

    public Pkcs12TenantKeystore(KeystoreFileProperties properties) {
        this.folder = properties.folder().toAbsolutePath();
        this.password = properties.resolvePassword();
        LegacyKeystoreMigration.migrate(folder, password);
    }

    @Override
    public Optional<PublicCertificate> install(KeystoreAlias alias, IssuedKeyPair keyPair) {
        return change(alias, store -> {
            Optional<PublicCertificate> previous = store.active()
                    .map(active -> archive(store, active, null).certificate());
            store.put(alias.currentEntryName(), keyPair.privateKey(), keyPair.certificate(), null);
            return Change.written(previous);
        });
    }

    @Override
    public Optional<PublicCertificate> stage(KeystoreAlias alias, IssuedKeyPair keyPair) {
        return change(alias, store -> {
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
    public Exchange exchange(KeystoreAlias alias, Fingerprint staged, Instant archiveUntil) {
        return change(alias, store -> {
            KeystoreEntry entry = store.holding(staged).orElseThrow(() -> new OperationRefused("alias '" + alias
                    + "' holds no staged key pair with certificate " + staged));
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
                        + ", not staged: only a staged key pair can be exchanged in");
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
        return change(alias, store -> {
            Optional<KeystoreEntry> holding = store.holding(certificate.sha256());
            if (holding.isEmpty()) {
                return Change.none(RetainedKeyRemoval.ALREADY_ABSENT);
            }
            KeystoreEntry entry = holding.get();
            if (entry.state() != EntryState.ARCHIVED) {
                throw new OperationRefused("certificate " + certificate.sha256() + " (serial "
                        + certificate.serialNumber() + ") is the " + (entry.state() == EntryState.ACTIVE
                        ? "current" : "staged") + " key pair of alias '" + alias
                        + "'; only an archived key pair can be removed");
            }
            if (entry.retainedUntil() != null && now.isBefore(entry.retainedUntil())) {
                throw new OperationRefused("certificate " + certificate.sha256() + " (serial "
                        + certificate.serialNumber() + ") of alias '" + alias + "': retention not elapsed until "
                        + entry.retainedUntil() + " (keystore time " + now + ")");
            }
            store.delete(entry);
            return Change.written(RetainedKeyRemoval.REMOVED);
        });
    }

    @Override
    public List<KeystoreEntry> entries() {
        List<KeystoreEntry> entries = new ArrayList<>();
        for (KeystoreAlias alias : aliases()) {
            entries.addAll(entriesOf(alias));
        }
        return entries;
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

    /** The file that holds the entries of {@code alias}. */
    public Path fileOf(KeystoreAlias alias) {
        return folder.resolve(alias.value() + FILE_SUFFIX);
    }

    private List<KeystoreAlias> aliases() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<KeystoreAlias> aliases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + FILE_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                KeystoreAlias.owning(name.substring(0, name.length() - FILE_SUFFIX.length()))
                        .filter(alias -> fileOf(alias).equals(file))
                        .ifPresent(aliases::add);
            }
        } catch (IOException e) {
            throw new KeystoreUnavailable("cannot list keystore folder " + folder + ": " + e.getMessage(), e);
        }
        aliases.sort(Comparator.comparing(KeystoreAlias::value));
        return aliases;
    }

    private static KeystoreEntry archive(AliasStore store, KeystoreEntry active, Instant until) {
        KeystoreAlias alias = new KeystoreAlias(active.alias());
        return store.move(active, alias.retainedEntryName(active.certificate().serialHex()), until);
    }

    private <T> T read(KeystoreAlias alias, Function<AliasStore, T> function) {
        Pkcs12File file = new Pkcs12File(fileOf(alias), password);
        return function.apply(new AliasStore(alias, file.load(), password));
    }

    private <T> T change(KeystoreAlias alias, Function<AliasStore, Change<T>> function) {
        ReentrantLock writer = writers.computeIfAbsent(alias, any -> new ReentrantLock());
        writer.lock();
        try {
            Pkcs12File file = new Pkcs12File(fileOf(alias), password);
            AliasStore store = new AliasStore(alias, file.load(), password);
            Change<T> change = function.apply(store);
            if (change.modified()) {
                if (store.isEmpty()) {
                    file.delete();
                } else {
                    file.write(store.keyStore());
                }
            }
            return change.result();
        } finally {
            writer.unlock();
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
