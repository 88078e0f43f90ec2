package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateProperties;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.sql.DataSource;
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
import java.time.Instant;
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

    private Path keystoreFolder() {
        return folder.resolve("keystore-service").resolve("keystore");
    }

    private Path file(String alias) {
        return keystoreFolder().resolve(alias + ".p12");
    }

    private Pkcs12TenantKeystore keystore() {
        return new Pkcs12TenantKeystore(new KeystoreFileProperties(keystoreFolder(), PASSWORD, null), database());
    }

    private DataSource database() {
        return H2Files.in(folder);
    }

    @Test
    void keepsTheRenewedKeyPairAsARetainedEntryBesideTheNewOne() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        IssuedKeyPair first = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair second = issuer.issue(alias.value(), KeyAlgorithm.RSA_2048);

        assertThat(keystore().install(alias, first)).isEmpty();
        assertThat(keystore().install(alias, second)).contains(first.publicCertificate());

        KeyStore loaded = loadWithJdk("acme-decrypt");
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

        assertThat(keystore().removeRetained(alias, first.publicCertificate().ref(), Instant.now()))
                .isEqualTo(RetainedKeyRemoval.REMOVED);

        KeyStore loaded = loadWithJdk("acme-decrypt");
        assertThat(Collections.list(loaded.aliases())).containsExactly("acme-decrypt");
        assertThat(loaded.getCertificate("acme-decrypt").getEncoded()).isEqualTo(second.certificate().getEncoded());
        assertThat(Collections.list(loadWithJdk("globex-decrypt").aliases())).containsExactly("globex-decrypt");
        assertThat(keystore().removeRetained(alias, first.publicCertificate().ref(), Instant.now()))
                .isEqualTo(RetainedKeyRemoval.ALREADY_ABSENT);
    }

    @Test
    void refusesToRemoveTheCurrentKeyPairOfAnAlias() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        IssuedKeyPair current = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, current);

        assertThatThrownBy(() -> keystore().removeRetained(alias, current.publicCertificate().ref(), Instant.now()))
                .isInstanceOf(OperationRefused.class)
                .hasMessageContaining("current key pair of alias 'acme-decrypt'");
        assertThat(Collections.list(loadWithJdk("acme-decrypt").aliases())).containsExactly("acme-decrypt");
    }

    @Test
    void listsPublicEntriesWithTheirAliasAndState() {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        IssuedKeyPair first = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair second = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, first);
        keystore().install(alias, second);

        List<KeystoreEntry> entries = keystore().entries(new EntryQuery(null, null, 0, EntryQuery.MAX_SIZE))
                .entries();

        assertThat(entries).extracting(KeystoreEntry::entryName, KeystoreEntry::alias, KeystoreEntry::state)
                .containsExactly(
                        tuple("acme-decrypt", "acme-decrypt", EntryState.ACTIVE),
                        tuple(
                                "acme-decrypt.retained." + first.publicCertificate().serialHex(), "acme-decrypt",
                                EntryState.ARCHIVED));
        assertThat(keystore().current(alias)).map(KeystoreEntry::certificate).contains(second.publicCertificate());
        assertThat(keystore().entryHolding(alias, first.publicCertificate().fingerprint()))
                .map(KeystoreEntry::state).contains(EntryState.ARCHIVED);
    }

    @Test
    void leavesNoTemporaryFileBehindAndKeepsTheFilePrivate() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        keystore().install(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256));
        keystore().install(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256));

        try (Stream<Path> files = Files.list(keystoreFolder())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("acme-decrypt.p12");
        }
        assertThat(Files.getPosixFilePermissions(file("acme-decrypt")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void keepsTheCertificatesOfANewFileUnencryptedAndItsKeysEncryptedUnderAMac() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        IssuedKeyPair keyPair = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, keyPair);

        PKCS12PfxPdu pfx = new PKCS12PfxPdu(Files.readAllBytes(file("acme-decrypt")));
        assertThat(pfx.hasMac()).isTrue();
        assertThat(pfx.isMacValid(new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE),
                PASSWORD.toCharArray())).isTrue();
        List<PKCS12SafeBag> plainBags = new java.util.ArrayList<>();
        for (ContentInfo content : pfx.getContentInfos()) {
            if (content.getContentType().equals(PKCSObjectIdentifiers.data)) {
                Collections.addAll(plainBags, new PKCS12SafeBagFactory(content).getSafeBags());
            }
        }
        assertThat(plainBags).extracting(PKCS12SafeBag::getType)
                .contains(PKCSObjectIdentifiers.certBag, PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)
                .doesNotContain(PKCSObjectIdentifiers.keyBag);
        assertThat(plainBags).filteredOn(bag -> bag.getType().equals(PKCSObjectIdentifiers.certBag))
                .extracting(bag -> ((X509CertificateHolder) bag.getBagValue()).getEncoded())
                .containsExactly(keyPair.certificate().getEncoded());
        assertThat(loadWithJdk("acme-decrypt").getKey("acme-decrypt", PASSWORD.toCharArray())).isNotNull();
    }

    @Test
    void refusesToOpenTheFileWithAnotherPassword() {
        KeystoreAlias alias = KeystoreAlias.of("acme-decrypt");
        keystore().install(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256));
        Pkcs12TenantKeystore wrongPassword = new Pkcs12TenantKeystore(new KeystoreFileProperties(keystoreFolder(),
                "wrong", null), database());

        assertThatThrownBy(() -> wrongPassword.entriesOf(alias)).isInstanceOf(KeystoreUnavailable.class)
                .hasMessageContaining("wrong KEYSTORE_PASSWORD");
    }

    @Test
    void foldsAliasesToLowerCaseAndRefusesNamesThatCannotBeEntries() {
        assertThat(KeystoreAlias.of("ACME-Decrypt").value()).isEqualTo("acme-decrypt");
        assertThatThrownBy(() -> KeystoreAlias.of("bad alias!")).isInstanceOf(InvalidAlias.class);
        assertThatThrownBy(() -> KeystoreAlias.of("acme.retained.1f")).isInstanceOf(InvalidAlias.class);
        assertThatThrownBy(() -> KeystoreAlias.of("acme.staged.1f")).isInstanceOf(InvalidAlias.class);
        assertThatThrownBy(() -> KeystoreAlias.of("")).isInstanceOf(InvalidAlias.class);
    }

    @Test
    void stagesANewKeyPairBesideTheActiveOneWithoutTouchingIt() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair active = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair staged = issuer.issue(alias.value(), KeyAlgorithm.EC_P384);
        keystore().install(alias, active);

        assertThat(keystore().stage(alias, staged)).contains(active.publicCertificate());

        KeyStore loaded = loadWithJdk("acme-sign");
        String stagedEntry = "acme-sign.staged." + staged.publicCertificate().serialHex();
        assertThat(Collections.list(loaded.aliases())).containsExactlyInAnyOrder("acme-sign", stagedEntry);
        assertThat(loaded.getCertificate("acme-sign").getEncoded()).isEqualTo(active.certificate().getEncoded());
        assertSigns((PrivateKey) loaded.getKey(stagedEntry, PASSWORD.toCharArray()), staged.certificate());
        assertThat(keystore().entriesOf(alias)).extracting(KeystoreEntry::state)
                .containsExactly(EntryState.ACTIVE, EntryState.STAGED);
    }

    @Test
    void exchangesTheStagedKeyInAndArchivesTheActiveOneUntilItsRetentionDate() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair old = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair fresh = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, old);
        keystore().stage(alias, fresh);
        Instant until = Instant.parse("2027-03-01T00:00:00Z");

        Exchange exchange = keystore().exchange(alias, fresh.publicCertificate().fingerprint(), until);

        assertThat(exchange).isEqualTo(new Exchange(fresh.publicCertificate(), old.publicCertificate(), until));
        KeyStore loaded = loadWithJdk("acme-sign");
        String archivedEntry = "acme-sign.retained." + old.publicCertificate().serialHex();
        assertThat(Collections.list(loaded.aliases())).containsExactlyInAnyOrder("acme-sign", archivedEntry);
        assertThat(loaded.getCertificate("acme-sign").getEncoded()).isEqualTo(fresh.certificate().getEncoded());
        assertSigns((PrivateKey) loaded.getKey("acme-sign", PASSWORD.toCharArray()), fresh.certificate());
        assertThat(keystore().entry(archivedEntry)).map(KeystoreEntry::retainedUntil).contains(until);
        assertThat(keystore().exchange(alias, fresh.publicCertificate().fingerprint(), until.plusSeconds(60)))
                .as("the same exchange again changes nothing").isEqualTo(exchange);
    }

    @Test
    void refusesToExchangeInAKeyPairTheAliasDoesNotHoldStaged() {
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair active = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, active);
        IssuedKeyPair unknown = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);

        assertThatThrownBy(() -> keystore().exchange(alias, unknown.publicCertificate().fingerprint(),
                Instant.now())).isInstanceOf(OperationRefused.class).hasMessageContaining("no staged key pair");
        assertThat(keystore().current(alias)).map(KeystoreEntry::certificate).contains(active.publicCertificate());
    }

    @Test
    void rollsBackToTheArchivedKeyWhileItIsRetainedAndRefusesOnceItIsGone() {
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair old = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair fresh = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, old);
        keystore().stage(alias, fresh);
        Instant until = Instant.parse("2027-03-01T00:00:00Z");
        keystore().exchange(alias, fresh.publicCertificate().fingerprint(), until);

        Rollback rollback = keystore().rollBack(alias, old.publicCertificate().ref(), fresh.publicCertificate().ref());

        assertThat(rollback).isEqualTo(new Rollback(old.publicCertificate(), fresh.publicCertificate(), until));
        assertThat(keystore().current(alias)).map(KeystoreEntry::certificate).contains(old.publicCertificate());
        assertThat(keystore().entryHolding(alias, fresh.publicCertificate().fingerprint()))
                .map(KeystoreEntry::state).contains(EntryState.ARCHIVED);

        keystore().removeRetained(alias, fresh.publicCertificate().ref(), until);
        assertThatThrownBy(() -> keystore().rollBack(alias, fresh.publicCertificate().ref(),
                old.publicCertificate().ref())).isInstanceOf(OperationRefused.class)
                .hasMessageContaining("no longer retained");
    }

    @Test
    void refusesToRemoveAnArchivedKeyBeforeItsRetentionDate() {
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair old = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair fresh = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, old);
        keystore().stage(alias, fresh);
        Instant until = Instant.parse("2027-03-01T00:00:00Z");
        keystore().exchange(alias, fresh.publicCertificate().fingerprint(), until);

        assertThatThrownBy(() -> keystore().removeRetained(alias, old.publicCertificate().ref(),
                until.minusSeconds(1))).isInstanceOf(OperationRefused.class)
                .hasMessageContaining("retention not elapsed until 2027-03-01T00:00:00Z");
        assertThat(keystore().entriesOf(alias)).hasSize(2);
        assertThat(keystore().removeRetained(alias, old.publicCertificate().ref(), until))
                .isEqualTo(RetainedKeyRemoval.REMOVED);
    }

    @Test
    void discardsOnlyAStagedKeyPairAndRemovesTheFileOfAnAliasLeftEmpty() {
        KeystoreAlias alias = KeystoreAlias.of("new-sign");
        IssuedKeyPair staged = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().stage(alias, staged);
        assertThat(file("new-sign")).exists();

        assertThat(keystore().discardStaged(alias, staged.publicCertificate().fingerprint()))
                .contains(staged.publicCertificate());

        assertThat(file("new-sign")).doesNotExist();
        assertThat(keystore().discardStaged(alias, staged.publicCertificate().fingerprint())).isEmpty();
        IssuedKeyPair active = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, active);
        assertThatThrownBy(() -> keystore().discardStaged(alias, active.publicCertificate().fingerprint()))
                .isInstanceOf(OperationRefused.class).hasMessageContaining("ACTIVE");
    }

    @Test
    void movesTheEntriesOfTheEarlierSingleKeystoreFileIntoOneFilePerAlias() throws Exception {
        IssuedKeyPair active = issuer.issue("acme-decrypt", KeyAlgorithm.EC_P256);
        IssuedKeyPair retained = issuer.issue("acme-decrypt", KeyAlgorithm.EC_P256);
        IssuedKeyPair other = issuer.issue("globex-decrypt", KeyAlgorithm.EC_P256);
        KeyStore legacy = KeyStore.getInstance("PKCS12");
        legacy.load(null, null);
        String retainedEntry = "acme-decrypt.retained." + retained.publicCertificate().serialHex();
        legacy.setKeyEntry("acme-decrypt", active.privateKey(), PASSWORD.toCharArray(),
                new java.security.cert.Certificate[]{active.certificate()});
        legacy.setKeyEntry(retainedEntry, retained.privateKey(), PASSWORD.toCharArray(),
                new java.security.cert.Certificate[]{retained.certificate()});
        legacy.setKeyEntry("globex-decrypt", other.privateKey(), PASSWORD.toCharArray(),
                new java.security.cert.Certificate[]{other.certificate()});
        Path legacyFile = folder.resolve("keystore-service").resolve("keystore.p12");
        Files.createDirectories(legacyFile.getParent());
        try (var out = Files.newOutputStream(legacyFile)) {
            legacy.store(out, PASSWORD.toCharArray());
        }

        Pkcs12TenantKeystore keystore = keystore();

        assertThat(Collections.list(loadWithJdk("acme-decrypt").aliases()))
                .containsExactlyInAnyOrder("acme-decrypt", retainedEntry);
        assertThat(keystore.current(KeystoreAlias.of("globex-decrypt"))).map(KeystoreEntry::certificate)
                .contains(other.publicCertificate());
        assertThat(keystore.entry(retainedEntry)).map(KeystoreEntry::state).contains(EntryState.ARCHIVED);
        assertThat(legacyFile).doesNotExist();
        assertThat(legacyFile.resolveSibling("keystore.p12.migrated")).exists();
    }

    @Test
    void importsTheFilesOfAnEarlierVersionOnceAndThenKeepsTheDatabasesKeys() throws Exception {
        IssuedKeyPair earlier = issuer.issue("acme-decrypt", KeyAlgorithm.EC_P256);
        IssuedKeyPair other = issuer.issue("globex-decrypt", KeyAlgorithm.EC_P256);
        Files.createDirectories(keystoreFolder());
        for (var aliasAndKeyPair : java.util.Map.of("acme-decrypt", earlier, "globex-decrypt", other).entrySet()) {
            String alias = aliasAndKeyPair.getKey();
            IssuedKeyPair keyPair = aliasAndKeyPair.getValue();
            KeyStore file = KeyStore.getInstance("PKCS12");
            file.load(null, null);
            file.setKeyEntry(alias, keyPair.privateKey(), PASSWORD.toCharArray(),
                    new java.security.cert.Certificate[]{keyPair.certificate()});
            try (var out = Files.newOutputStream(file(alias))) {
                file.store(out, PASSWORD.toCharArray());
            }
        }
        byte[] staleExport = Files.readAllBytes(file("acme-decrypt"));

        Pkcs12TenantKeystore keystore = keystore();
        assertThat(keystore.current(KeystoreAlias.of("acme-decrypt"))).map(KeystoreEntry::certificate)
                .contains(earlier.publicCertificate());
        assertThat(keystore.current(KeystoreAlias.of("globex-decrypt"))).map(KeystoreEntry::certificate)
                .contains(other.publicCertificate());
        assertThat(keystore.entries(new EntryQuery(null, null, 0, EntryQuery.MAX_SIZE)).entries())
                .as("indexed with the import").extracting(KeystoreEntry::certificate)
                .containsExactly(earlier.publicCertificate(), other.publicCertificate());
        IssuedKeyPair renewed = issuer.issue("acme-decrypt", KeyAlgorithm.EC_P256);
        keystore.install(KeystoreAlias.of("acme-decrypt"), renewed);
        Files.write(file("acme-decrypt"), staleExport); // an instance's export, older than the database

        assertThat(keystore().current(KeystoreAlias.of("acme-decrypt"))).map(KeystoreEntry::certificate)
                .as("the database, not the older file").contains(renewed.publicCertificate());
    }

    @Test
    void givesTheStagedKeyPairTheCaIssuedChainUnderTheLeafsSerialAndOnlyOnce() throws Exception {
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair staged = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().stage(alias, staged);
        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Test Root CA", now);
        X509Certificate leaf = root.issue("CN=acme-sign,O=Tenant AG", staged.certificate().getPublicKey(), now,
                now.plus(Duration.ofDays(90)));

        KeystoreEntry entry = keystore().installChain(alias, staged.publicCertificate().fingerprint(),
                List.of(leaf, root.certificate()));

        String entryName = "acme-sign.staged." + leaf.getSerialNumber().toString(16);
        assertThat(entry.entryName()).isEqualTo(entryName);
        assertThat(entry.state()).isEqualTo(EntryState.STAGED);
        KeyStore loaded = loadWithJdk("acme-sign");
        assertThat(Collections.list(loaded.aliases())).containsExactly(entryName);
        assertThat(loaded.getCertificateChain(entryName)).containsExactly(leaf, root.certificate());
        assertSigns((PrivateKey) loaded.getKey(entryName, PASSWORD.toCharArray()), leaf);
        assertThat(keystore().installChain(alias, staged.publicCertificate().fingerprint(), List.of(leaf,
                root.certificate()))).isEqualTo(entry);
        assertThat(keystore().chain(entryName)).extracting(certificate -> certificate.certificate())
                .containsExactly(leaf, root.certificate());
    }

    @Test
    void refusesAChainForAnotherKeyAndForAKeyPairThatIsNotStaged() {
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair staged = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair active = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore().install(alias, active);
        keystore().stage(alias, staged);
        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Test Root CA", now);
        X509Certificate forActive = root.issue("CN=acme-sign", active.certificate().getPublicKey(), now,
                now.plus(Duration.ofDays(90)));

        assertThatThrownBy(() -> keystore().installChain(alias, staged.publicCertificate().fingerprint(),
                List.of(forActive, root.certificate())))
                .isInstanceOf(OperationRefused.class).hasMessageContaining("is for another key");
        assertThatThrownBy(() -> keystore().installChain(alias, active.publicCertificate().fingerprint(),
                List.of(forActive, root.certificate())))
                .isInstanceOf(OperationRefused.class).hasMessageContaining("is ACTIVE");
        assertThat(keystore().entriesOf(alias)).extracting(KeystoreEntry::certificate)
                .containsExactly(active.publicCertificate(), staged.publicCertificate());
    }

    private KeyStore loadWithJdk(String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file(alias))) {
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
