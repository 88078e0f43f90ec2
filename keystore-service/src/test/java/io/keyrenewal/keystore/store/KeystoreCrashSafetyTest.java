package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.Fingerprint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of a process in the middle of changing the keystore loses no committed change and breaks nothing: a child
 * JVM renews a key pair in a loop, in the service's default database (an H2 file), and is killed at several points.
 * The database then holds the last key written or the one being written, and the alias's export is a whole PKCS#12
 * file.
 */
class KeystoreCrashSafetyTest {

    private static final String PASSWORD = "crash-test-password";
    private static final String ALIAS = "crash-sign";
    private static final int[] KILL_AFTER_WRITES = {1, 2, 3, 5, 8, 13};

    @TempDir
    Path folder;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftoverChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void keepsTheOldOrTheNewKeyAndAWholeExportWhereverTheWriterIsKilled() throws Exception {
        Path file = folder.resolve(ALIAS + ".p12");
        for (int writes : KILL_AFTER_WRITES) {
            List<String> announced = new CopyOnWriteArrayList<>();
            Process writer = startWriter(announced);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(announced, "written ") >= writes);
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

            String lastWritten = last(announced, "written ");
            String lastWriting = last(announced, "writing ");
            Pkcs12TenantKeystore reopened = new Pkcs12TenantKeystore(new KeystoreFileProperties(folder, PASSWORD,
                    null), H2Files.in(folder));
            String active = reopened.current(KeystoreAlias.of(ALIAS)).orElseThrow().certificate().fingerprint()
                    .value();
            assertThat(active).as("after a kill following %s writes the active key is the last written one or the"
                    + " one being written", writes).isIn(lastWritten, lastWriting);

            KeyStore exported = load(file);
            for (String entryName : Collections.list(exported.aliases())) {
                assertThat(exported.getKey(entryName, PASSWORD.toCharArray())).as("key of %s", entryName).isNotNull();
            }
            assertThat(Fingerprint.sha256Of(exported.getCertificate(ALIAS).getEncoded()).value())
                    .as("the export holds a key the writer stored").isIn(announced.stream()
                            .filter(line -> line.startsWith("writing ")).map(line -> line.substring(8)).toList());
        }
        try (var files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("the alias's export, the database, and at most a stray temporary file of an interrupted write")
                    .allMatch(name -> name.equals(ALIAS + ".p12") || name.endsWith(".tmp")
                            || name.startsWith("keystore-log."));
        }
    }

    private Process startWriter(List<String> announced) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KeystoreWriterProcess.class.getName(), folder.toString(), PASSWORD, ALIAS)
                .redirectErrorStream(true)
                .start();
        children.add(process);
        Thread reader = new Thread(() -> readLines(process.getInputStream(), announced), "writer-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static void readLines(InputStream output, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (java.io.IOException killed) {
            // the process is gone: its output ends here
        }
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    private static String last(List<String> lines, String prefix) {
        String found = null;
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                found = line.substring(prefix.length());
            }
        }
        return found;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, PASSWORD.toCharArray());
        }
        return keystore;
    }
}
