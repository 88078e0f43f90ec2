package io.keyrenewal.keystore;

import io.keyrenewal.keystore.store.KeystoreFileProperties;
import io.keyrenewal.keystore.store.KeystorePasswordMissing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the keystore password comes from, and that the service does not start without one outside 'local'. */
@ExtendWith(OutputCaptureExtension.class)
class KeystorePasswordTest {

    @TempDir
    Path dataDir;

    @Test
    void refusesToStartWithoutAPasswordOutsideTheLocalProfileAndSaysWhy(CapturedOutput output) {
        assertThatThrownBy(() -> start()).hasRootCauseInstanceOf(KeystorePasswordMissing.class)
                .rootCause().hasMessageContaining("KEYSTORE_PASSWORD").hasMessageContaining("KEYSTORE_PASSWORD_FILE");

        assertThat(output.getAll()).contains("keystore-service refuses to start: no keystore password")
                .contains("SPRING_PROFILES_ACTIVE=local");
        assertThat(dataDir.resolve("keystore-service").resolve("keystore")).doesNotExist();
    }

    @Test
    void startsInTheLocalProfileWithItsDefaultPassword() throws Exception {
        try (ConfigurableApplicationContext ignored = start("--spring.profiles.active=local",
                "--KEYSTORE_SEED_ALIASES=local-demo")) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(
                    dataDir.resolve("keystore-service").resolve("keystore").resolve("local-demo.p12"))) {
                keystore.load(in, "changeit".toCharArray());
            }
            assertThat(keystore.isKeyEntry("local-demo")).isTrue();
        }
    }

    @Test
    void readsThePasswordFromTheFileKeystorePasswordFileNames() throws Exception {
        Path secret = Files.writeString(dataDir.resolve("keystore-password"), "from-a-mounted-secret\n");

        try (ConfigurableApplicationContext ignored = start("--KEYSTORE_PASSWORD_FILE=" + secret,
                "--KEYSTORE_SEED_ALIASES=secret-demo")) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(
                    dataDir.resolve("keystore-service").resolve("keystore").resolve("secret-demo.p12"))) {
                keystore.load(in, "from-a-mounted-secret".toCharArray());
            }
            assertThat(keystore.isKeyEntry("secret-demo")).isTrue();
        }
    }

    @Test
    void prefersThePasswordItselfToThePasswordFile() throws Exception {
        Path secret = Files.writeString(dataDir.resolve("keystore-password"), "from-the-file");

        assertThat(new KeystoreFileProperties(dataDir, "from-the-environment", secret.toString()).resolvePassword())
                .isEqualTo("from-the-environment".toCharArray());
        assertThat(new KeystoreFileProperties(dataDir, "", secret.toString()).resolvePassword())
                .isEqualTo("from-the-file".toCharArray());
        assertThatThrownBy(() -> new KeystoreFileProperties(dataDir, null, dataDir.resolve("absent").toString())
                .resolvePassword()).isInstanceOf(KeystorePasswordMissing.class).hasMessageContaining("cannot be read");
    }

    /** The real application, without a broker: no listener starts, no topic is created. */
    private ConfigurableApplicationContext start(String... arguments) {
        String[] common = {"--KEYRENEWAL_DATA_DIR=" + dataDir, "--SERVER_PORT=0",
                "--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
                "--keyrenewal.security.mode=local"};
        String[] all = new String[common.length + arguments.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(arguments, 0, all, common.length, arguments.length);
        return SpringApplication.run(KeystoreServiceApplication.class, all);
    }
}
