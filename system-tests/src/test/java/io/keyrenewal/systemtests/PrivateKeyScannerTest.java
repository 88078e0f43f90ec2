package io.keyrenewal.systemtests;

import io.keyrenewal.contracts.ContractJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner of the no-private-key check (PlaybooksSystemIT's last test) finds a key planted where it must not be,
 * and nothing else.
 */
class PrivateKeyScannerTest {

    static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path folder;
    static KeyPair ec;
    static KeyPair rsa;
    static X509Certificate ecCertificate;
    static PrivateKeyScanner scanner = new PrivateKeyScanner();

    @BeforeAll
    static void aKeystoreFolderWithAnEcAndAnRsaKeyPair() throws Exception {
        TestCa ca = TestCa.root("CN=Scanner Test CA");
        ec = TestCa.newKeys("EC");
        rsa = TestCa.newKeys("RSA");
        ecCertificate = ca.issue("CN=acme-sign", ec.getPublic());
        Files.createDirectories(folder.resolve("keystore"));
        KeyStore acme = KeyStore.getInstance("PKCS12");
        acme.load(null, PASSWORD);
        acme.setKeyEntry("acme-sign", ec.getPrivate(), PASSWORD, new X509Certificate[]{ecCertificate});
        acme.setKeyEntry("acme-sign.staged.7f", rsa.getPrivate(), PASSWORD,
                new X509Certificate[]{ca.issue("CN=acme-sign", rsa.getPublic())});
        try (OutputStream out = Files.newOutputStream(folder.resolve("keystore").resolve("acme-sign.p12"))) {
            acme.store(out, PASSWORD);
        }

        assertThat(scanner.learnKeystoreFolder(folder.resolve("keystore"), PASSWORD)).isEqualTo(2);
    }

    @Test
    void readsAKeystoreFileAgainOnlyOnceItWasReplaced() throws Exception {
        Path keystores = Files.createDirectories(folder.resolve("replaced"));
        PrivateKeyScanner learning = new PrivateKeyScanner();
        KeyStore globex = KeyStore.getInstance("PKCS12");
        globex.load(null, PASSWORD);
        globex.setKeyEntry("globex-sign", ec.getPrivate(), PASSWORD, new X509Certificate[]{ecCertificate});
        replace(keystores.resolve("globex-sign.p12"), globex);
        assertThat(learning.learnKeystoreFolder(keystores, PASSWORD)).isEqualTo(1);

        assertThat(learning.learnKeystoreFolder(keystores, "not read".toCharArray())).as("unchanged: not opened")
                .isEqualTo(1);
        globex.setKeyEntry("globex-sign.staged.1", rsa.getPrivate(), PASSWORD,
                new X509Certificate[]{TestCa.root("CN=Another CA").issue("CN=globex-sign", rsa.getPublic())});
        replace(keystores.resolve("globex-sign.p12"), globex);
        assertThat(learning.learnKeystoreFolder(keystores, PASSWORD)).isEqualTo(2);
    }

    /** Writes a new file and moves it over the old one, as the keystore does. */
    private static void replace(Path file, KeyStore content) throws Exception {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            content.store(out, PASSWORD);
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void findsAPlantedKeyInJsonAsBase64AndAsHex() {
        String base64 = ContractJson.write(Map.of("certificate", "...", "leaked",
                Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded())));
        String hex = "signed with " + HexFormat.of().formatHex(ec.getPrivate().getEncoded()).toUpperCase();

        assertThat(scanner.scan("response", base64)).singleElement().asString()
                .isEqualTo("response: the PKCS#8 encoding (Base64) of acme-sign.p12#acme-sign.staged.7f");
        assertThat(scanner.scan("record", hex)).contains("record: the PKCS#8 encoding (hex) of acme-sign.p12#acme-sign");
    }

    @Test
    void findsAKeyBrokenIntoLinesAndItsSecretNumberAlone() {
        String wrapped = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ec.getPrivate().getEncoded()).replace("\n", "\\n");
        String secret = "d=" + ((RSAPrivateCrtKey) rsa.getPrivate()).getPrivateExponent().toString(16);

        assertThat(wrapped).contains("\\n");
        assertThat(scanner.scan("log", "{\"pem\":\"" + wrapped + "\"}"))
                .contains("log: the PKCS#8 encoding (Base64) of acme-sign.p12#acme-sign");
        assertThat(scanner.scan("log", secret))
                .containsExactly("log: the secret number (hex) of acme-sign.p12#acme-sign.staged.7f");
        assertThat(scanner.scan("log", ((ECPrivateKey) ec.getPrivate()).getS().toString(16)))
                .containsExactly("log: the secret number (hex) of acme-sign.p12#acme-sign");
    }

    @Test
    void findsAPemPrivateKeyMarkerOfAnyKey() {
        assertThat(scanner.scan("log", "-----BEGIN EC " + "PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----"))
                .containsExactly("log: a PEM 'PRIVATE KEY' marker");
    }

    @Test
    void findsAKeyPlantedInALogFileBelowAFolder() throws Exception {
        Path logs = Files.createDirectories(folder.resolve("logs"));
        Files.writeString(logs.resolve("clean.log"), "INFO started\n");
        Files.writeString(logs.resolve("leaky.log"), "INFO started\nDEBUG key "
                + Base64.getEncoder().encodeToString(ec.getPrivate().getEncoded()) + "\n");

        assertThat(scanner.scanFiles(logs)).singleElement().asString().endsWith("leaky.log: the PKCS#8 encoding"
                + " (Base64) of acme-sign.p12#acme-sign");
    }

    @Test
    void findsNothingInPublicMaterial() throws Exception {
        String certificate = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                ecCertificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        String publicKeys = Base64.getEncoder().encodeToString(ec.getPublic().getEncoded())
                + HexFormat.of().formatHex(rsa.getPublic().getEncoded());

        assertThat(scanner.scan("response", certificate + publicKeys + " private key stays inside")).isEmpty();
    }
}
