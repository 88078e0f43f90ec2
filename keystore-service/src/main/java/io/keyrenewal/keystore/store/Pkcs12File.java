package io.keyrenewal.keystore.store;

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
import java.security.KeyStore;

/**
 * PKCS#12 content, in the database or in one file. A file is replaced as a whole: the new content goes to a
 * temporary file in the same folder, is forced to disk and moved over the old file atomically, so a reader (or a
 * restart after kill -9) finds the old or the new content, never half of one. Keytool and openssl read it with the
 * keystore password.
 */
public final class Pkcs12File {

    private static final String TYPE = "PKCS12";
    /** The JDK's setting for how a PKCS#12 file it writes protects its certificates. */
    static final String CERTIFICATE_PROTECTION = "keystore.pkcs12.certProtectionAlgorithm";

    static {
        // Certificates are public: a new file keeps them unencrypted (as openssl pkcs12 -certpbe NONE does), while
        // its private keys stay encrypted and the whole file MAC-protected with the password. Encrypting them cost
        // a PBKDF2 derivation on every load and every store, about a third of a key change's CPU. A file written
        // earlier keeps the protection it has (the JDK writes back what it loaded). An operator's own choice, as a
        // system or security property, stands.
        if (System.getProperty(CERTIFICATE_PROTECTION) == null
                && java.security.Security.getProperty(CERTIFICATE_PROTECTION) == null) {
            System.setProperty(CERTIFICATE_PROTECTION, "NONE");
        }
    }

    private final Path file;
    private final char[] password;

    public Pkcs12File(Path file, char[] password) {
        this.file = file.toAbsolutePath();
        this.password = password.clone();
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** The stored keystore, or an empty one if the file does not exist yet. */
    public KeyStore load() {
        try {
            KeyStore store = KeyStore.getInstance(TYPE);
            if (!Files.exists(file)) {
                store.load(null, password);
                return store;
            }
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
                return store;
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot open keystore " + file
                    + " (wrong KEYSTORE_PASSWORD or a damaged file?): " + e.getMessage(), e);
        }
    }

    /** Reads PKCS#12 content held elsewhere (the database); {@code origin} names it in an error. */
    static KeyStore parse(byte[] content, char[] password, String origin) {
        try {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(content == null ? null : new java.io.ByteArrayInputStream(content), password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot open " + origin + " (wrong KEYSTORE_PASSWORD or damaged content?): "
                    + e.getMessage(), e);
        }
    }

    /** The PKCS#12 content of {@code store}, protected with {@code password}. */
    static byte[] serialize(KeyStore store, char[] password) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new KeystoreUnavailable("cannot write the PKCS#12 content of a keystore: " + e.getMessage(), e);
        }
    }

    /** The file's content as it is, without opening it; null if there is no file. */
    byte[] bytes() {
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new KeystoreUnavailable("cannot read keystore " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(KeyStore store) {
        write(serialize(store, password));
    }

    /** Replaces the file with {@code content} (PKCS#12 written with this file's password). */
    void write(byte[] content) {
        Path folder = file.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, file.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                out.write(content);
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

    /** Removes the file (an alias without entries); durable like a write. */
    public void delete() {
        try {
            if (Files.deleteIfExists(file)) {
                forceFolder(file.getParent());
            }
        } catch (IOException e) {
            throw new KeystoreUnavailable("cannot delete keystore " + file + ": " + e.getMessage(), e);
        }
    }

    char[] password() {
        return password;
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
}
