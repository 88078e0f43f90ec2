package io.keyrenewal.keystore.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves the entries of the single keystore file of earlier versions ({@code <folder>/../keystore.p12}) into one file
 * per alias, once: an alias that has a file already keeps it. The old file is renamed to
 * {@code keystore.p12.migrated} (it still holds the keys: delete it once the new files are checked).
 */
final class LegacyKeystoreMigration {

    static final String LEGACY_FILE = "keystore.p12";
    private static final Logger log = LoggerFactory.getLogger(LegacyKeystoreMigration.class);

    private LegacyKeystoreMigration() {
    }

    static void migrate(Path folder, char[] password) {
        Path legacy = folder.getParent().resolve(LEGACY_FILE);
        if (!Files.exists(legacy)) {
            return;
        }
        try {
            KeyStore old = new Pkcs12File(legacy, password).load();
            Map<KeystoreAlias, KeyStore> byAlias = new LinkedHashMap<>();
            for (String entryName : Collections.list(old.aliases())) {
                if (!old.isKeyEntry(entryName)) {
                    continue;
                }
                KeystoreAlias alias = KeystoreAlias.owning(entryName).orElse(null);
                if (alias == null || Files.exists(folder.resolve(alias.value() + Pkcs12TenantKeystore.FILE_SUFFIX))) {
                    continue;
                }
                KeyStore target = byAlias.get(alias);
                if (target == null) {
                    target = KeyStore.getInstance("PKCS12");
                    target.load(null, password);
                    byAlias.put(alias, target);
                }
                target.setKeyEntry(entryName, old.getKey(entryName, password), password,
                        old.getCertificateChain(entryName));
            }
            for (Map.Entry<KeystoreAlias, KeyStore> alias : byAlias.entrySet()) {
                new Pkcs12File(folder.resolve(alias.getKey().value() + Pkcs12TenantKeystore.FILE_SUFFIX), password)
                        .write(alias.getValue());
            }
            Files.move(legacy, legacy.resolveSibling(LEGACY_FILE + ".migrated"), StandardCopyOption.ATOMIC_MOVE);
            log.warn("Moved the key pairs of {} aliases from {} into one file per alias under {}; the old file is now"
                    + " {}.migrated: delete it once the new files are checked", byAlias.size(), legacy, folder,
                    LEGACY_FILE);
        } catch (GeneralSecurityException | IOException e) {
            throw new KeystoreUnavailable("cannot move the entries of " + legacy + " into " + folder + ": "
                    + e.getMessage(), e);
        }
    }
}
