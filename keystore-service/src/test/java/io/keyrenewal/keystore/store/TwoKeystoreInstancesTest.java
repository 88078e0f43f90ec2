package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateProperties;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.testsupport.RealPostgres;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the keystore (each with its own connection pool and export folder, as two service processes have)
 * on one PostgreSQL change one alias at the same time, from several threads each: no change is lost, and each
 * instance reads what the other wrote.
 */
class TwoKeystoreInstancesTest {

    private static final String PASSWORD = "two-instances-password";
    private static final int THREADS_PER_INSTANCE = 3;
    private static final int CHANGES_PER_THREAD = 4;

    private final SelfSignedKeyPairIssuer issuer = new SelfSignedKeyPairIssuer(Clock.systemUTC(),
            new CertificateProperties(Duration.ofDays(30), "keyrenewal"));
    @AutoClose
    private final PostgresPools pools = new PostgresPools();

    @TempDir
    Path folder;

    @Test
    void losesNoChangeWhenTwoInstancesChangeOneAliasAtOnce() throws Exception {
        RealPostgres.Database database = RealPostgres.freshDatabase();
        Pkcs12TenantKeystore one = instance(database, "one");
        Pkcs12TenantKeystore two = instance(database, "two");
        KeystoreAlias alias = KeystoreAlias.of("acme-sign");
        one.install(alias, issuer.issue(alias.value(), KeyAlgorithm.EC_P256));
        int writers = 2 * THREADS_PER_INSTANCE;
        List<IssuedKeyPair> keyPairs = IntStream.range(0, writers * CHANGES_PER_THREAD)
                .mapToObj(any -> issuer.issue(alias.value(), KeyAlgorithm.EC_P256)).toList();

        ExecutorService threads = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int writer = 0; writer < writers; writer++) {
                Pkcs12TenantKeystore keystore = writer % 2 == 0 ? one : two;
                List<IssuedKeyPair> own = keyPairs.subList(writer * CHANGES_PER_THREAD,
                        (writer + 1) * CHANGES_PER_THREAD);
                done.add(threads.submit(() -> {
                    start.await();
                    own.forEach(keyPair -> keystore.stage(alias, keyPair));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        List<PublicCertificate> expected = keyPairs.stream().map(IssuedKeyPair::publicCertificate).toList();
        for (Pkcs12TenantKeystore instance : List.of(one, two)) {
            assertThat(instance.entriesOf(alias)).filteredOn(entry -> entry.state() == EntryState.STAGED)
                    .extracting(KeystoreEntry::certificate)
                    .as("every staged key pair of both instances, read by each")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(one.current(alias)).isPresent();
    }

    private Pkcs12TenantKeystore instance(RealPostgres.Database database, String name) {
        return new Pkcs12TenantKeystore(new KeystoreFileProperties(folder.resolve(name), PASSWORD, null),
                pools.open(database, THREADS_PER_INSTANCE + 2));
    }
}
