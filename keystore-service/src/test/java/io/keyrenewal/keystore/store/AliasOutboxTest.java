package io.keyrenewal.keystore.store;

import com.zaxxer.hikari.HikariDataSource;
import io.keyrenewal.contracts.alias.AliasCertificate;
import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateProperties;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import io.keyrenewal.testsupport.RealPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The queue of aliases to publish on {@code keystore.aliases.v1} ({@code alias_outbox}) on a real PostgreSQL with the
 * service's schema: every committed change queues its alias with the row's version and the keystore's time, a refused
 * or rolled back one does not, a newer change stays queued when an older one is published, and the migration queues
 * every alias of an existing keystore once.
 */
class AliasOutboxTest {

    private static final String PASSWORD = "alias-outbox-password";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final SelfSignedKeyPairIssuer issuer = new SelfSignedKeyPairIssuer(Clock.systemUTC(),
            new CertificateProperties(Duration.ofDays(30), "keyrenewal"));
    @AutoClose
    private final PostgresPools pools = new PostgresPools();
    @TempDir
    Path folder;

    @Test
    void queuesEveryCommittedChangeWithTheRowsVersionAndKeepsANewerOneWhenAnOlderIsPublished() {
        DataSource database = pools.open(RealPostgres.freshDatabase(), 3);
        Flyway.configure().dataSource(database).load().migrate();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Pkcs12TenantKeystore keystore = new Pkcs12TenantKeystore(new KeystoreFileProperties(folder, PASSWORD, null),
                database, clock, event -> {
                });
        AliasOutbox outbox = new AliasOutbox(database);
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        IssuedKeyPair first = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair second = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);

        keystore.install(alias, first);
        AliasCertificate installed = single(outbox.next(10));
        assertThat(installed).extracting(AliasCertificate::alias, AliasCertificate::kind, AliasCertificate::at)
                .containsExactly("acme-sign", AliasKind.KEY_PAIR, NOW);
        assertThat(installed.certificate().sha256()).isEqualTo(first.publicCertificate().fingerprint());

        keystore.stage(alias, second);
        AliasCertificate staged = single(outbox.next(10));
        assertThat(staged.version()).isGreaterThan(installed.version());
        assertThat(staged.certificate()).as("staging leaves the active key pair").isEqualTo(installed.certificate());
        assertThat(outbox.published("acme-sign", installed.version())).as("an older change published").isFalse();
        assertThat(outbox.size()).isEqualTo(1);

        assertThatThrownBy(() -> keystore.discardStaged(alias, first.publicCertificate().fingerprint()))
                .isInstanceOf(OperationRefused.class);
        keystore.exchange(alias, second.publicCertificate().fingerprint(), NOW.plus(Duration.ofDays(90)));
        AliasCertificate exchanged = single(outbox.next(10));
        assertThat(exchanged.version()).isEqualTo(staged.version() + 1);
        assertThat(exchanged.certificate().sha256()).isEqualTo(second.publicCertificate().fingerprint());
        assertThat(outbox.published("acme-sign", exchanged.version())).isTrue();
        assertThat(outbox.next(10)).isEmpty();
    }

    @Test
    void anAliasThatNoLongerHoldsAnEntryIsPublishedWithoutCertificateAndWithWhatItHeld() {
        DataSource database = pools.open(RealPostgres.freshDatabase(), 3);
        Flyway.configure().dataSource(database).load().migrate();
        Pkcs12TenantKeystore keystore = new Pkcs12TenantKeystore(new KeystoreFileProperties(folder, PASSWORD, null),
                database);
        AliasOutbox outbox = new AliasOutbox(database);
        KeystoreAlias alias = KeystoreAlias.of("acme-verify");
        X509Certificate staged = partnerCertificate();
        keystore.addPartnerCertificate(alias, staged);

        keystore.removePartnerCertificate(alias, new PublicCertificate(staged).fingerprint(), NOW);

        assertThat(outbox.next(10)).extracting(AliasCertificate::alias, AliasCertificate::kind,
                AliasCertificate::certificate).containsExactly(tuple("acme-verify", AliasKind.PARTNER_CERTIFICATE,
                null));
    }

    @Test
    void theMigrationQueuesEveryAliasOfAnExistingKeystoreOnce() {
        RealPostgres.Database server = RealPostgres.freshDatabase();
        HikariDataSource database = pools.open(server, 3);
        Flyway.configure().dataSource(database).target("3").load().migrate();
        // keys written as before the queue: by this version's keystore, whose queue is then dropped
        Pkcs12TenantKeystore keystore = new Pkcs12TenantKeystore(new KeystoreFileProperties(folder, PASSWORD, null),
                database);
        KeystoreAlias signing = KeystoreAlias.of("acme-sign");
        KeystoreAlias partner = KeystoreAlias.of("acme-verify");
        IssuedKeyPair old = issuer.issue(signing.value(), KeyAlgorithm.EC_P256);
        IssuedKeyPair current = issuer.issue(signing.value(), KeyAlgorithm.EC_P256);
        keystore.install(signing, old);
        keystore.install(signing, current);
        X509Certificate partnerCertificate = partnerCertificate();
        keystore.addPartnerCertificate(partner, partnerCertificate);
        keystore.switchPartnerCertificate(partner, new PublicCertificate(partnerCertificate).fingerprint(),
                NOW.plus(Duration.ofDays(90)));
        assertThatThrownBy(() -> keystore.addPartnerCertificate(signing, partnerCertificate))
                .isInstanceOf(OperationRefused.class);
        // a first change that changed nothing leaves an empty row, version 0: nothing to publish
        assertThat(keystore.discardStaged(KeystoreAlias.of("never-used"), old.publicCertificate().fingerprint()))
                .isEmpty();
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql("DROP TABLE alias_outbox").update();

        Flyway.configure().dataSource(database).load().migrate();

        assertThat(jdbc.sql("SELECT alias, version, kind FROM alias_outbox ORDER BY alias")
                .query((row, number) -> tuple(row.getString(1), row.getLong(2), row.getString(3))).list())
                .containsExactly(tuple("acme-sign", 2L, "KEY_PAIR"), tuple("acme-verify", 2L, "PARTNER_CERTIFICATE"));
        assertThat(new AliasOutbox(database).next(10))
                .extracting(AliasCertificate::alias, certificate -> certificate.certificate().sha256())
                .containsExactlyInAnyOrder(tuple("acme-sign", current.publicCertificate().fingerprint()),
                        tuple("acme-verify", new PublicCertificate(partnerCertificate).fingerprint()));
    }

    private static AliasCertificate single(List<AliasCertificate> certificates) {
        assertThat(certificates).hasSize(1);
        return certificates.get(0);
    }

    private static X509Certificate partnerCertificate() {
        return TestCertificateAuthority.root("CN=Acme CA,O=Acme AG", NOW).issue("CN=acme-signer,O=Acme AG",
                TestCertificateAuthority.ecKeys("secp256r1").getPublic(), NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(365)));
    }
}
