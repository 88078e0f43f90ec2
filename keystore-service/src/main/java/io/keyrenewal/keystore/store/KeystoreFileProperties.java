package io.keyrenewal.keystore.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tenant keystore lives and how it is locked.
 *
 * @param folder       holds one PKCS#12 file per alias
 * @param password     protects every file and every key entry in it ({@code KEYSTORE_PASSWORD}); wins over the file
 * @param passwordFile a file holding the password, e.g. a mounted secret ({@code KEYSTORE_PASSWORD_FILE}); one
 *                     trailing line break is ignored
 */
@ConfigurationProperties("keyrenewal.keystore")
public record KeystoreFileProperties(Path folder, String password, String passwordFile) {

    public KeystoreFileProperties {
        if (folder == null) {
            throw new IllegalArgumentException("keyrenewal.keystore.folder is required");
        }
    }

    /**
     * The keystore password, from {@code password} or else from {@code passwordFile}.
     *
     * @throws KeystorePasswordMissing if neither gives one
     */
    public char[] resolvePassword() {
        if (password != null && !password.isEmpty()) {
            return password.toCharArray();
        }
        if (passwordFile == null || passwordFile.isBlank()) {
            throw new KeystorePasswordMissing("no keystore password: set KEYSTORE_PASSWORD, or KEYSTORE_PASSWORD_FILE"
                    + " to a file holding it. Only the Spring profile 'local' has a default (the local stack).");
        }
        Path file = Path.of(passwordFile.trim());
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeystorePasswordMissing("KEYSTORE_PASSWORD_FILE " + file + " cannot be read: " + e);
        }
        String secret = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        if (secret.isEmpty()) {
            throw new KeystorePasswordMissing("KEYSTORE_PASSWORD_FILE " + file + " is empty");
        }
        return secret.toCharArray();
    }

    @Override
    public String toString() {
        return "KeystoreFileProperties[folder=" + folder + ", password=***, passwordFile=" + passwordFile + "]";
    }
}
