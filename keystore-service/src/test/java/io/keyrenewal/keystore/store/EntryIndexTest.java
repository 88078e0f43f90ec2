package io.keyrenewal.keystore.store;

import com.zaxxer.hikari.HikariDataSource;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateProperties;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import io.keyrenewal.keystore.history.EntryChange;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.testsupport.RealPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The entry index ({@code keystore_entry}) on a real PostgreSQL with the service's schema (Flyway): it shows what the
 * keys hold after every kind of change, commits and rolls back with them, lists by alias and state page by page, and
 * is filled at start for aliases written before it existed.
 */
class EntryIndexTest {

    private static final String PASSWORD = "entry-index-password";

    private final SelfSignedKeyPairIssuer issuer = new SelfSignedKeyPairIssuer(Clock.systemUTC(),
            new CertificateProperties(Duration.ofDays(30), "keyrenewal"));
    @AutoClose
    private final PostgresPools pools = new PostgresPools();

    @TempDir
    Path folder;

    @Test
    void showsWhatTheKeysHoldAfterEveryKindOfChangeAndNoPrivateKey() {
        DataSource database = migrated(RealPostgres.freshDatabase(), null);
        Pkcs12TenantKeystore keystore = instance(database, "one");
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair first = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair second = issuer.issue(alias.value(), KeyAlgorithm.RSA_2048);
        IssuedKeyPair third = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant until = now.plus(Duration.ofDays(90));
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Index Test Root", now);
        X509Certificate leaf = root.issue("CN=acme-sign,O=Tenant AG", second.certificate().getPublicKey(), now,
                now.plus(Duration.ofDays(90)));

        keystore.install(alias, first);
        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE);
        keystore.stage(alias, second);
        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.STAGED);
        keystore.installChain(alias, second.publicCertificate().fingerprint(), List.of(leaf, root.certificate()));
        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.STAGED);
        assertThat(listing(keystore, alias, EntryState.STAGED)).extracting(entry -> entry.certificate().certificate())
                .containsExactly(leaf);
        keystore.exchange(alias, fingerprintOf(leaf), until);
        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.ARCHIVED);
        assertThat(listing(keystore, alias, EntryState.ARCHIVED)).extracting(KeystoreEntry::retainedUntil)
                .containsExactly(until);
        keystore.rollBack(alias, first.publicCertificate().ref(), new PublicCertificate(leaf).ref());
        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.ARCHIVED);
        keystore.stage(alias, third);
        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.ARCHIVED, EntryState.STAGED);
        keystore.discardStaged(alias, third.publicCertificate().fingerprint());
        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE, EntryState.ARCHIVED);
        keystore.removeRetained(alias, new PublicCertificate(leaf).ref(),
                until.plusSeconds(1));
        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE);
        assertThat(listing(keystore, alias, null)).extracting(KeystoreEntry::certificate)
                .containsExactly(first.publicCertificate());

        List<byte[]> privateKeys = List.of(first.privateKey().getEncoded(), second.privateKey().getEncoded());
        keystore.stage(alias, second);
        JdbcClient.create(database).sql("SELECT * FROM keystore_entry").query(row -> {
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                byte[] value = row.getBytes(column);
                for (byte[] key : privateKeys) {
                    assertThat(value == null ? "" : HexFormat.of().formatHex(value))
                            .as("column %s", row.getMetaData().getColumnName(column))
                            .doesNotContain(HexFormat.of().formatHex(key));
                }
            }
        });
    }

    @Test
    void rollsBackWithTheKeysWhenTheCallersTransactionDoesOrTheChangeIsRefused() {
        DataSource database = migrated(RealPostgres.freshDatabase(), null);
        Pkcs12TenantKeystore keystore = instance(database, "one");
        KeystoreAlias alias = KeystoreAlias.of("globex-decrypt");
        IssuedKeyPair active = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        keystore.install(alias, active);

        TransactionTemplate handler = new TransactionTemplate(new DataSourceTransactionManager(database));
        assertThatThrownBy(() -> handler.executeWithoutResult(status -> {
            keystore.stage(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256));
            throw new IllegalStateException("the report could not be recorded");
        })).hasMessageContaining("could not be recorded");
        assertThatThrownBy(() -> keystore.discardStaged(alias, active.publicCertificate().fingerprint()))
                .isInstanceOf(OperationRefused.class);

        assertIndexShowsTheKeys(keystore, alias, EntryState.ACTIVE);
    }

    @Test
    void listsByAliasAndStatePageByPageInAliasThenEntryNameOrder() {
        Pkcs12TenantKeystore keystore = instance(migrated(RealPostgres.freshDatabase(), null), "one");
        KeystoreAlias globex = KeystoreAlias.of("globex-sign");
        KeystoreAlias acmeDecrypt = KeystoreAlias.of("acme-decrypt");
        KeystoreAlias acmeSign = KeystoreAlias.of("acme-sign");
        keystore.install(globex, issuer.issue(globex.value(), KeyAlgorithm.EC_P256));
        IssuedKeyPair staged = issuer.issue(globex.value(), KeyAlgorithm.EC_P256);
        keystore.stage(globex, staged);
        IssuedKeyPair archived = issuer.issue(acmeDecrypt.value(), KeyAlgorithm.EC_P256);
        keystore.install(acmeDecrypt, archived);
        keystore.install(acmeDecrypt, issuer.issue(acmeDecrypt.value(), KeyAlgorithm.EC_P256));
        keystore.install(acmeSign, issuer.issue(acmeSign.value(), KeyAlgorithm.EC_P256));
        String archivedName = acmeDecrypt.retainedEntryName(archived.publicCertificate().serialHex());
        String stagedName = globex.stagedEntryName(staged.publicCertificate().serialHex());

        EntryQuery pairs = new EntryQuery(null, null, 0, 2);
        List<EntryPage> pages = List.of(keystore.entries(pairs), keystore.entries(pairs.page(1)),
                keystore.entries(pairs.page(2)), keystore.entries(pairs.page(3)));
        assertThat(pages).extracting(page -> page.entries().stream().map(KeystoreEntry::entryName).toList())
                .containsExactly(List.of("acme-decrypt", archivedName), List.of("acme-sign", "globex-sign"),
                        List.of(stagedName), List.of());
        assertThat(pages).extracting(EntryPage::total, EntryPage::hasNext)
                .containsExactly(tuple(5L, true), tuple(5L, true), tuple(5L, false), tuple(5L, false));

        assertThat(keystore.entries(new EntryQuery(acmeDecrypt, null, 0, 100)).entries())
                .extracting(KeystoreEntry::entryName, KeystoreEntry::state)
                .containsExactly(tuple("acme-decrypt", EntryState.ACTIVE), tuple(archivedName, EntryState.ARCHIVED));
        EntryPage active = keystore.entries(new EntryQuery(null, EntryState.ACTIVE, 0, 100));
        assertThat(active.entries()).extracting(KeystoreEntry::entryName)
                .containsExactly("acme-decrypt", "acme-sign", "globex-sign");
        assertThat(active.total()).isEqualTo(3);
        assertThat(keystore.entries(new EntryQuery(globex, EntryState.STAGED, 0, 100)).entries())
                .extracting(KeystoreEntry::entryName).containsExactly(stagedName);
        assertThat(keystore.entries(new EntryQuery(globex, EntryState.ARCHIVED, 0, 100)))
                .extracting(EntryPage::entries, EntryPage::total).containsExactly(List.of(), 0L);
        assertThatThrownBy(() -> new EntryQuery(null, EntryState.REMOVED, 0, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EntryQuery(null, null, 0, EntryQuery.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indexesOnceAtStartTheAliasesWrittenBeforeTheIndexWithTwoInstancesStartingAtOnce() throws Exception {
        RealPostgres.Database server = RealPostgres.freshDatabase();
        DataSource database = migrated(server, "1");
        // rows as the version before the index wrote them: content made by a keystore of its own, on H2
        Pkcs12TenantKeystore elsewhere = new Pkcs12TenantKeystore(new KeystoreFileProperties(
                folder.resolve("elsewhere"), PASSWORD, null), H2Files.in(folder.resolve("elsewhere")));
        KeystoreAlias acme = KeystoreAlias.of("acme-decrypt");
        KeystoreAlias globex = KeystoreAlias.of("globex-sign");
        KeystoreAlias emptied = KeystoreAlias.of("initech-sign");
        elsewhere.install(acme, issuer.issue(acme.value(), KeyAlgorithm.EC_P256));
        elsewhere.install(acme, issuer.issue(acme.value(), KeyAlgorithm.EC_P256));
        elsewhere.stage(acme, issuer.issue(acme.value(), KeyAlgorithm.EC_P256));
        elsewhere.install(globex, issuer.issue(globex.value(), KeyAlgorithm.EC_P256));
        JdbcClient jdbc = JdbcClient.create(database);
        insertAsBeforeTheIndex(jdbc, acme, Files.readAllBytes(elsewhere.fileOf(acme)), 3);
        insertAsBeforeTheIndex(jdbc, globex, Files.readAllBytes(elsewhere.fileOf(globex)), 1);
        insertAsBeforeTheIndex(jdbc, emptied, null, 2);
        migrated(server, null);

        ExecutorService starting = Executors.newFixedThreadPool(2);
        List<Pkcs12TenantKeystore> instances;
        try {
            List<Future<Pkcs12TenantKeystore>> started = List.of(
                    starting.submit(() -> instance(pool(server), "one")),
                    starting.submit(() -> instance(pool(server), "two")));
            instances = List.of(started.get(0).get(2, TimeUnit.MINUTES), started.get(1).get(2, TimeUnit.MINUTES));
        } finally {
            starting.shutdownNow();
        }

        for (Pkcs12TenantKeystore instance : instances) {
            assertIndexShowsTheKeys(instance, acme, EntryState.ACTIVE, EntryState.ARCHIVED, EntryState.STAGED);
            assertIndexShowsTheKeys(instance, globex, EntryState.ACTIVE);
            assertThat(listing(instance, emptied, null)).isEmpty();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM keystore_alias WHERE indexed_version IS NULL"
                + " OR indexed_version <> version").query(Long.class).single()).isZero();

        // an instance of the earlier version, still running, changes an alias: the next start indexes it again
        elsewhere.install(globex, issuer.issue(globex.value(), KeyAlgorithm.EC_P256));
        jdbc.sql("UPDATE keystore_alias SET pkcs12 = :content, version = version + 1 WHERE alias = :alias")
                .param("content", Files.readAllBytes(elsewhere.fileOf(globex)))
                .param("alias", globex.value())
                .update();
        Pkcs12TenantKeystore restarted = instance(database, "one");
        assertIndexShowsTheKeys(restarted, globex, EntryState.ACTIVE, EntryState.ARCHIVED);
    }

    /** The index lists the alias's entries exactly as its PKCS#12 holds them, in entry name order. */
    static void assertIndexShowsTheKeys(Pkcs12TenantKeystore keystore, KeystoreAlias alias,
                                                EntryState... states) {
        List<KeystoreEntry> keys = keystore.entriesOf(alias).stream()
                .sorted(Comparator.comparing(KeystoreEntry::entryName)).toList();
        assertThat(keys).extracting(KeystoreEntry::state).containsExactlyInAnyOrder(states);
        assertThat(listing(keystore, alias, null)).as("the index of alias '%s'", alias).isEqualTo(keys);
    }

    static List<KeystoreEntry> listing(Pkcs12TenantKeystore keystore, KeystoreAlias alias, EntryState state) {
        return keystore.entries(new EntryQuery(alias, state, 0, EntryQuery.MAX_SIZE)).entries();
    }

    private static Fingerprint fingerprintOf(X509Certificate certificate) {
        return new PublicCertificate(certificate).fingerprint();
    }

    private static void insertAsBeforeTheIndex(JdbcClient jdbc, KeystoreAlias alias, byte[] content, long version) {
        jdbc.sql("INSERT INTO keystore_alias (alias, pkcs12, version, changed_at) VALUES (:alias, :content,"
                        + " :version, :at)")
                .param("alias", alias.value())
                .param("content", content)
                .param("version", version)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    @Test
    void recordsARetentionOnceThoughPostgresqlRoundsItsNanosecondsToTheMicrosecond() {
        EntryHistory history = new EntryHistory(JdbcClient.create(migrated(RealPostgres.freshDatabase(), null)),
                Clock.systemUTC());
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        PublicCertificate active = issuer.issue(alias.value(), KeyAlgorithm.EC_P256).publicCertificate();
        PublicCertificate archived = issuer.issue(alias.value(), KeyAlgorithm.EC_P256).publicCertificate();
        // 789 ns past the microsecond: PostgreSQL keeps .123457, a truncation would say .123456
        Instant until = Instant.parse("2027-03-05T10:00:00.123456789Z");

        history.exchanged(alias, new Exchange(active, archived, until), null, null);
        history.exchanged(alias, new Exchange(active, archived, until), null, null);

        assertThat(history.of(archived.fingerprint())).extracting(EntryChange::state)
                .containsExactly(EntryState.ARCHIVED);
    }

    /** A pool on {@code database} with the service's schema up to {@code version} (null: all of it). */
    private DataSource migrated(RealPostgres.Database database, String version) {
        HikariDataSource pool = pool(database);
        var flyway = Flyway.configure().dataSource(pool);
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
        return pool;
    }

    private HikariDataSource pool(RealPostgres.Database database) {
        return pools.open(database, 3);
    }

    private Pkcs12TenantKeystore instance(DataSource database, String name) {
        return new Pkcs12TenantKeystore(new KeystoreFileProperties(folder.resolve(name), PASSWORD, null), database);
    }
}
