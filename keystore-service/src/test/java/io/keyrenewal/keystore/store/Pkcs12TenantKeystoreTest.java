package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateProperties;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class Pkcs12TenantKeystoreTest {

    private static final String PASSWORD = "store-test-password";

    @TempDir
    Path folder;

    private final SelfSignedKeyPairIssuer issuer = new SelfSignedKeyPairIssuer(Clock.systemUTC(),
            new CertificateProperties(Duration.ofDays(30), "keyrenewal"));

    private Path file() {
        return folder.resolve("keystore-service").resolve("keystore.p12");
    }

    private Pkcs12TenantKeystore keystore() {
        return new Pkcs12TenantKeystore(new KeystoreFileProperties(file(), PASSWORD));
    }

    @Test
    void keepsTheRenewedKeyPairAsARetainedEntryBesideTheNewOne() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        IssuedKeyPair first = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair second = issuer.issue(alias.value(), KeyAlgorithm.RSA_2048);

        assertThat(keystore().install(alias, first)).isEmpty();
        assertThat(keystore().install(alias, second)).contains(first.publicCertificate());

        KeyStore loaded = loadWithJdk();
        String retained = "acme-decrypt.retained." + first.certificate().getSerialNumber().toString(16);
        assertThat(Collections.list(loaded.aliases())).containsExactlyInAnyOrder("acme-decrypt", retained);
        assertThat(loaded.getCertificate("acme-decrypt").getEncoded()).isEqualTo(second.certificate().getEncoded());
        assertThat(loaded.getCertificate(retained).getEncoded()).isEqualTo(first.certificate().getEncoded());
        assertSigns((PrivateKey) loaded.getKey(retained, PASSWORD.toCharArray()), first.certificate());
        assertDecrypts((PrivateKey) loaded.getKey("acme-decrypt", PASSWORD.toCharArray()), second.certificate());
    }

    @Test
    void removesOnlyTheRetainedEntryOfTheNamedCertificate() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        IssuedKeyPair first = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair second = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair other = issuer.issue("globex-decrypt", KeyAlgorithm.EC_P256);
        keystore().install(alias, first);
        keystore().install(alias, second);
        keystore().install(KeystoreAlias.of("globex-decrypt"), other);

        assertThat(keystore().removeRetained(alias, first.publicCertificate().ref()))
                .isEqualTo(RetainedKeyRemoval.REMOVED);

        KeyStore loaded = loadWithJdk();
        assertThat(Collections.list(loaded.aliases())).containsExactlyInAnyOrder("acme-decrypt", "globex-decrypt");
        assertThat(loaded.getCertificate("acme-decrypt").getEncoded()).isEqualTo(second.certificate().getEncoded());
        assertThat(keystore().removeRetained(alias, first.publicCertificate().ref()))
                .isEqualTo(RetainedKeyRemoval.ALREADY_ABSENT);
    }

    @Test
    void refusesToRemoveTheCurrentKeyPairOfAnAlias() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        IssuedKeyPair current = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, current);

        assertThatThrownBy(() -> keystore().removeRetained(alias, current.publicCertificate().ref()))
                .isInstanceOf(RemovalRefused.class)
                .hasMessageContaining("current key pair of alias 'acme-decrypt'");
        assertThat(Collections.list(loadWithJdk().aliases())).containsExactly("acme-decrypt");
    }

    @Test
    void listsPublicEntriesWithTheirAliasAndState() {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        IssuedKeyPair first = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair second = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, first);
        keystore().install(alias, second);

        List<KeystoreEntry> entries = keystore().entries();

        assertThat(entries).extracting(KeystoreEntry::entryName, KeystoreEntry::alias, KeystoreEntry::state)
                .containsExactly(
                        tuple("acme-decrypt", "acme-decrypt", EntryState.ACTIVE),
                        tuple(
                                "acme-decrypt.retained." + first.publicCertificate().serialHex(), "acme-decrypt",
                                EntryState.RETAINED));
        assertThat(keystore().current(alias)).map(KeystoreEntry::certificate).contains(second.publicCertificate());
        assertThat(keystore().entryHolding(first.publicCertificate().fingerprint()))
                .map(KeystoreEntry::state).contains(EntryState.RETAINED);
    }

    @Test
    void leavesNoTemporaryFileBehindAndKeepsTheFilePrivate() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        keystore().install(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256));
        keystore().install(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256));

        try (Stream<Path> files = Files.list(file().getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("keystore.p12");
        }
        assertThat(Files.getPosixFilePermissions(file()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void refusesToOpenTheFileWithAnotherPassword() {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        keystore().install(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256));
        Pkcs12TenantKeystore wrongPassword = new Pkcs12TenantKeystore(new KeystoreFileProperties(file(), "wrong"));

        assertThatThrownBy(wrongPassword::entries).isInstanceOf(KeystoreUnavailable.class)
                .hasMessageContaining("wrong KEYSTORE_PASSWORD");
    }

    @Test
    void foldsAliasesToLowerCaseAndRefusesNamesThatCannotBeEntries() {
        assertThat(KeystoreAlias.of("ACME-Decrypt").value()).isEqualTo("acme-decrypt");
        assertThatThrownBy(() -> KeystoreAlias.of("bad alias!")).isInstanceOf(InvalidAlias.class);
        assertThatThrownBy(() -> KeystoreAlias.of("acme.retained.1f")).isInstanceOf(InvalidAlias.class);
        assertThatThrownBy(() -> KeystoreAlias.of("")).isInstanceOf(InvalidAlias.class);
    }

    private KeyStore loadWithJdk() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file())) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void assertSigns(PrivateKey key, X509Certificate certificate) throws Exception {
        byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(certificate.getSigAlgName());
        signer.initSign(key);
        signer.update(payload);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(certificate.getSigAlgName());
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(payload);
        assertThat(verifier.verify(signature)).isTrue();
    }

    private static void assertDecrypts(PrivateKey key, X509Certificate certificate) throws Exception {
        byte[] secret = "session-key".getBytes(StandardCharsets.UTF_8);
        Cipher encrypt = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        encrypt.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
        Cipher decrypt = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        decrypt.init(Cipher.DECRYPT_MODE, key);
        assertThat(decrypt.doFinal(encrypt.doFinal(secret))).isEqualTo(secret);
    }
}
