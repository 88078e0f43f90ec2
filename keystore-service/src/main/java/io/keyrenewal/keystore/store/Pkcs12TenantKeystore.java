package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tenant keystore as one PKCS#12 file (readable by keytool with the same password). A change loads the file,
 * applies itself, writes the whole store to a temporary file in the same folder, forces it to disk and moves it over
 * the old file atomically; one change at a time. Readers see the file before or after a change, never half of one.
 */
@Component
public class Pkcs12TenantKeystore implements TenantKeystore {

    private static final String TYPE = "PKCS12";

    private final Path file;
    private final char[] password;
    private final ReentrantLock writer = new ReentrantLock();

    public Pkcs12TenantKeystore(KeystoreFileProperties properties) {
        this.file = properties.file().toAbsolutePath();
        this.password = properties.password().toCharArray();
    }

    @Override
    public Optional<PublicCertificate> install(KeystoreAlias alias, IssuedKeyPair keyPair) {
        return change("store a new key pair under '" + alias + "'", store -> {
            Optional<PublicCertificate> previous = retainCurrent(store, alias);
            store.setKeyEntry(alias.currentEntryName(), keyPair.privateKey(), password,
                    new Certificate[]{keyPair.certificate()});
            return Change.written(previous);
        });
    }

    private Optional<PublicCertificate> retainCurrent(KeyStore store, KeystoreAlias alias)
            throws GeneralSecurityException {
        String current = alias.currentEntryName();
        if (!store.isKeyEntry(current)) {
            return Optional.empty();
        }
        Key key = store.getKey(current, password);
        Certificate[] chain = store.getCertificateChain(current);
        PublicCertificate certificate = new PublicCertificate((X509Certificate) chain[0]);
        store.setKeyEntry(alias.retainedEntryName(certificate.serialHex()), key, password, chain);
        return Optional.of(certificate);
    }

    @Override
    public RetainedKeyRemoval removeRetained(KeystoreAlias alias, CertificateRef certificate) {
        return change("remove a retained key pair of '" + alias + "'", store -> {
            Optional<KeystoreEntry> holding = entriesOf(store).stream()
                    .filter(entry -> entry.alias().equals(alias.value()))
                    .filter(entry -> entry.certificate().matches(certificate))
                    .findFirst();
            if (holding.isEmpty()) {
                return Change.none(RetainedKeyRemoval.ALREADY_ABSENT);
            }
            if (holding.get().state() == EntryState.ACTIVE) {
                throw new RemovalRefused("certificate " + certificate.sha256() + " (serial "
                        + certificate.serialNumber() + ") is the current key pair of alias '" + alias
                        + "'; only a retained key pair can be removed");
            }
            store.deleteEntry(holding.get().entryName());
            return Change.written(RetainedKeyRemoval.REMOVED);
        });
    }

    @Override
    public List<KeystoreEntry> entries() {
        return read(Pkcs12TenantKeystore::entriesOf);
    }

    @Override
    public Optional<KeystoreEntry> entry(String entryName) {
        return entries().stream().filter(entry -> entry.entryName().equals(entryName)).findFirst();
    }

    @Override
    public Optional<KeystoreEntry> current(KeystoreAlias alias) {
        return entry(alias.currentEntryName());
    }

    @Override
    public Optional<KeystoreEntry> entryHolding(Fingerprint fingerprint) {
        return entries().stream()
                .filter(entry -> entry.certificate().fingerprint().equals(fingerprint))
                .findFirst();
    }

    private static List<KeystoreEntry> entriesOf(KeyStore store) throws GeneralSecurityException {
        List<KeystoreEntry> entries = new ArrayList<>();
        for (String name : Collections.list(store.aliases())) {
            if (store.isKeyEntry(name) && store.getCertificate(name) instanceof X509Certificate certificate) {
                entries.add(describe(name, certificate));
            }
        }
        entries.sort(Comparator.comparing(KeystoreEntry::alias)
                .thenComparing(KeystoreEntry::state)
                .thenComparing(KeystoreEntry::entryName));
        return entries;
    }

    private static KeystoreEntry describe(String entryName, X509Certificate certificate) {
        int marker = entryName.indexOf(KeystoreAlias.RETAINED_MARKER);
        boolean retained = marker > 0;
        String alias = retained ? entryName.substring(0, marker) : entryName;
        return new KeystoreEntry(entryName, alias, retained ? EntryState.RETAINED : EntryState.ACTIVE,
                new PublicCertificate(certificate));
    }

    private <T> T read(StoreFunction<T> function) {
        try {
            return function.apply(load());
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot read keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private <T> T change(String what, StoreFunction<Change<T>> function) {
        writer.lock();
        try {
            KeyStore store = load();
            Change<T> change = function.apply(store);
            if (change.modified()) {
                write(store);
            }
            return change.result();
        } catch (GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot " + what + " in keystore " + file + ": " + e.getMessage(), e);
        } finally {
            writer.unlock();
        }
    }

    private KeyStore load() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        if (!Files.exists(file)) {
            try {
                store.load(null, password);
            } catch (IOException e) {
                throw new KeystoreUnavailable("cannot create an empty keystore: " + e.getMessage(), e);
            }
            return store;
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new KeystoreUnavailable("cannot open keystore " + file
                    + " (wrong KEYSTORE_PASSWORD or a damaged file?): " + e.getMessage(), e);
        }
    }

    private void write(KeyStore store) throws GeneralSecurityException {
        Path folder = file.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, file.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                store.store(out, password);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            forceFolder(folder);
        } catch (IOException e) {
            throw new KeystoreUnavailable("cannot write keystore " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** Makes the rename itself durable; not every file system lets a folder be opened, hence best effort. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the file itself is on disk already
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // a stray temporary file is harmless: it is never read
        }
    }

    @FunctionalInterface
    private interface StoreFunction<T> {
        T apply(KeyStore store) throws GeneralSecurityException;
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
