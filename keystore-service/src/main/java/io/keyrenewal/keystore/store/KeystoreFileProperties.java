package io.keyrenewal.keystore.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where the tenant keystore lives and how it is locked.
 *
 * @param file     the PKCS#12 file
 * @param password protects the file and every key entry in it
 */
@ConfigurationProperties("keyrenewal.keystore")
public record KeystoreFileProperties(Path file, String password) {

    public KeystoreFileProperties {
        if (file == null) {
            throw new IllegalArgumentException("keyrenewal.keystore.file is required");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("keyrenewal.keystore.password (KEYSTORE_PASSWORD) is required");
        }
    }

    @Override
    public String toString() {
        return "KeystoreFileProperties[file=" + file + ", password=***]";
    }
}
