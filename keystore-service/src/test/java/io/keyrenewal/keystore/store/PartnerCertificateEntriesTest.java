package io.keyrenewal.keystore.store;

import com.zaxxer.hikari.HikariDataSource;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateProperties;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import io.keyrenewal.testsupport.RealPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A partner's certificates as trusted-certificate entries of an alias's PKCS#12, on a real PostgreSQL with the
 * service's schema: staged, switched to, retained with a date, removed only after it; the index shows what the keys
 * hold after every change; an alias never mixes them with key pairs; no private key anywhere.
 */
class PartnerCertificateEntriesTest {

    private static final String PASSWORD = "partner-certificate-password";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final TestCertificateAuthority PARTNER_CA = TestCertificateAuthority.root("CN=Acme CA,O=Acme AG",
            NOW);

    @AutoClose
    private final PostgresPools pools = new PostgresPools();
    @TempDir
    Path folder;

    @Test
    void stagesSwitchesRetainsAndRemovesPartnerCertificatesWithTheIndexShowingTheKeysAfterEachChange()
            throws Exception {
        HikariDataSource database = pools.open(RealPostgres.freshDatabase(), 3);
        Flyway.configure().dataSource(database).load().migrate();
        Pkcs12TenantKeystore keystore = new Pkcs12TenantKeystore(new KeystoreFileProperties(folder, PASSWORD, null),
                database);
        KeystoreAlias alias = KeystoreAlias.of("acme-verify");
        KeyPair oldKeys = TestCertificateAuthority.rsaKeys(2048);
        KeyPair newKeys = TestCertificateAuthority.ecKeys("secp256r1");
        X509Certificate old = partnerCertificate(oldKeys);
        X509Certificate fresh = partnerCertificate(newKeys);
        Instant retainedUntil = NOW.plus(Duration.ofDays(90));

        PartnerCertificateAddition first = keystore.addPartnerCertificate(alias, old);
        assertThat(first.added()).isTrue();
        assertThat(first.entry()).extracting(KeystoreEntry::entryName, KeystoreEntry::state, KeystoreEntry::type)
                .containsExactly("acme-verify.staged." + serial(old), EntryState.STAGED, EntryType.PARTNER_CERTIFICATE);
        EntryIndexTest.assertIndexShowsTheKeys(keystore, alias, EntryState.STAGED);
        assertThat(keystore.addPartnerCertificate(alias, old)).as("the same certificate again")
                .isEqualTo(new PartnerCertificateAddition(first.entry(), false));

        Exchange firstSwitch = keystore.switchPartnerCertificate(alias, fingerprint(old), retainedUntil);
        assertThat(firstSwitch).isEqualTo(new Exchange(new PublicCertificate(old), null, null));
        EntryIndexTest.assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE);
        keystore.addPartnerCertificate(alias, fresh);
        EntryIndexTest.assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.STAGED);
        Exchange renewal = keystore.switchPartnerCertificate(alias, fingerprint(fresh), retainedUntil);
        assertThat(renewal).isEqualTo(new Exchange(new PublicCertificate(fresh), new PublicCertificate(old),
                retainedUntil));
        assertThat(keystore.switchPartnerCertificate(alias, fingerprint(fresh), retainedUntil.plusSeconds(60)))
                .as("switched already: answered as before").isEqualTo(renewal);
        EntryIndexTest.assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.ARCHIVED);
        assertThat(keystore.entriesOf(alias))
                .extracting(KeystoreEntry::entryName, KeystoreEntry::state, KeystoreEntry::retainedUntil)
                .containsExactly(tuple("acme-verify", EntryState.ACTIVE, null),
                        tuple("acme-verify.retained." + serial(old), EntryState.ARCHIVED, retainedUntil));

        // the export as the JDK (and keytool) read it: trusted-certificate entries, the date a bag attribute
        KeyStore exported = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore.fileOf(alias))) {
            exported.load(in, PASSWORD.toCharArray());
        }
        for (String name : Collections.list(exported.aliases())) {
            assertThat(exported.isCertificateEntry(name)).as(name).isTrue();
            assertThat(exported.isKeyEntry(name)).as(name).isFalse();
        }
        assertThat(exported.getCertificate("acme-verify")).isEqualTo(fresh);
        assertThat(exported.getEntry("acme-verify.retained." + serial(old), null).getAttributes())
                .anySatisfy(attribute -> assertThat(attribute.getName() + "=" + attribute.getValue())
                        .isEqualTo(AliasStore.RETAINED_UNTIL + "=" + retainedUntil));

        assertThatThrownBy(() -> keystore.removePartnerCertificate(alias, fingerprint(fresh),
                retainedUntil.plusSeconds(1)))
                .isInstanceOf(OperationRefused.class)
                .hasMessageContaining("is the current partner certificate of alias 'acme-verify'");
        assertThatThrownBy(() -> keystore.removePartnerCertificate(alias, fingerprint(old),
                retainedUntil.minusSeconds(1)))
                .isInstanceOf(OperationRefused.class)
                .hasMessageContaining("retention not elapsed until " + retainedUntil);
        EntryIndexTest.assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.ARCHIVED);
        assertThat(keystore.removePartnerCertificate(alias, fingerprint(old), retainedUntil))
                .map(KeystoreEntry::entryName).contains("acme-verify.retained." + serial(old));
        assertThat(keystore.removePartnerCertificate(alias, fingerprint(old), retainedUntil)).isEmpty();
        EntryIndexTest.assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE);

        X509Certificate neverUsed = partnerCertificate(TestCertificateAuthority.rsaKeys(2048));
        keystore.addPartnerCertificate(alias, neverUsed);
        assertThat(keystore.removePartnerCertificate(alias, fingerprint(neverUsed), NOW)).as("staged: at once")
                .map(KeystoreEntry::state).contains(EntryState.STAGED);
        EntryIndexTest.assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE);

        List<String> privateKeys = List.of(HexFormat.of().formatHex(oldKeys.getPrivate().getEncoded()),
                HexFormat.of().formatHex(newKeys.getPrivate().getEncoded()));
        JdbcClient.create(database).sql("SELECT pkcs12 FROM keystore_alias UNION ALL SELECT certificate FROM"
                + " keystore_entry").query(row -> {
                    assertThat(HexFormat.of().formatHex(row.getBytes(1))).doesNotContain(privateKeys);
                });
    }

    @Test
    void neverMixesKeyPairsAndPartnerCertificatesInOneAliasAndHasNoPrivateKeyToUse() {
        HikariDataSource database = pools.open(RealPostgres.freshDatabase(), 2);
        Flyway.configure().dataSource(database).load().migrate();
        Pkcs12TenantKeystore keystore = new Pkcs12TenantKeystore(new KeystoreFileProperties(folder, PASSWORD, null),
                database);
        SelfSignedKeyPairIssuer issuer = new SelfSignedKeyPairIssuer(Clock.systemUTC(),
                new CertificateProperties(Duration.ofDays(30), "keyrenewal"));
        KeystoreAlias tenants = KeystoreAlias.of("acme-sign");
        KeystoreAlias partners = KeystoreAlias.of("acme-verify");
        keystore.install(tenants, issuer.issue(tenants.value(), KeyAlgorithm.EC_P256));
        X509Certificate partner = partnerCertificate(TestCertificateAuthority.rsaKeys(2048));
        keystore.addPartnerCertificate(partners, partner);
        keystore.switchPartnerCertificate(partners, fingerprint(partner), null);
        Fingerprint tenantKey = keystore.current(tenants).orElseThrow().certificate().fingerprint();

        assertThatThrownBy(() -> keystore.addPartnerCertificate(tenants, partnerCertificate(
                TestCertificateAuthority.rsaKeys(2048))))
                .isInstanceOf(OperationRefused.class)
                .hasMessage("alias 'acme-sign' holds key pairs, not partner certificates: an alias never mixes key"
                        + " pairs and partner certificates");
        assertThatThrownBy(() -> keystore.install(partners, issuer.issue(partners.value(), KeyAlgorithm.EC_P256)))
                .hasMessageContaining("alias 'acme-verify' holds partner certificates, not key pairs");
        assertThatThrownBy(() -> keystore.stage(partners, issuer.issue(partners.value(), KeyAlgorithm.EC_P256)))
                .hasMessageContaining("an alias never mixes key pairs and partner certificates");
        assertThatThrownBy(() -> keystore.switchPartnerCertificate(tenants, tenantKey, null))
                .hasMessageContaining("alias 'acme-sign' holds key pairs, not partner certificates");
        assertThatThrownBy(() -> keystore.exchange(partners, fingerprint(partner), null))
                .hasMessageContaining("alias 'acme-verify' holds partner certificates, not key pairs");
        assertThatThrownBy(() -> keystore.removePartnerCertificate(tenants, tenantKey, Instant.MAX))
                .hasMessageContaining("holds key pairs, not partner certificates");
        assertThatThrownBy(() -> keystore.withPrivateKey(partners, fingerprint(partner), (key, certificate) -> key))
                .isInstanceOf(OperationRefused.class)
                .hasMessageContaining("is a partner certificate: the keystore holds no private key for it");

        X509Certificate sameSerial = TestCertificateAuthority.root("CN=Other CA", NOW).issue("CN=acme-signer,O=Acme AG",
                TestCertificateAuthority.newKeys().getPublic(), partner.getSerialNumber(), NOW,
                NOW.plus(Duration.ofDays(365)));
        assertThatThrownBy(() -> keystore.addPartnerCertificate(partners, sameSerial))
                .isInstanceOf(OperationRefused.class)
                .hasMessageContaining("alias 'acme-verify' holds another certificate with serial " + serial(partner)
                        + " (entry 'acme-verify', issuer 'CN=Acme CA,O=Acme AG')");
        EntryIndexTest.assertIndexShowsTheKeys(keystore, partners, EntryState.ACTIVE);
        EntryIndexTest.assertIndexShowsTheKeys(keystore, tenants, EntryState.ACTIVE);
        assertThat(keystore.entriesOf(tenants)).extracting(KeystoreEntry::type).containsOnly(EntryType.KEY_PAIR);
    }

    private static X509Certificate partnerCertificate(KeyPair keys) {
        return PARTNER_CA.issue("CN=acme-signer,O=Acme AG", keys.getPublic(), NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(365)));
    }

    private static Fingerprint fingerprint(X509Certificate certificate) {
        return new PublicCertificate(certificate).fingerprint();
    }

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }
}
