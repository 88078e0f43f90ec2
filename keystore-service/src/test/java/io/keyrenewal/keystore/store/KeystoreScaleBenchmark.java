package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateProperties;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a timed test: keystore operations per second at 1,000 and at 20,000 aliases (one PKCS#12 file each). Fills the
 * store alias by alias with an active key pair (reporting the rate of the first and the last 1,000 installs, so a
 * cost that grows with the store shows), then, for a sample of aliases spread over the whole store, generates and
 * stages a new key pair (playbooks 1 and 2) and exchanges it in (the old one archived). One thread, as the service's
 * listener applies them. Then it times the listing of {@code GET /keystore/entries}: from the entry index (the first
 * page of 100, and every entry in pages of 1,000) against opening every alias's PKCS#12, as the listing did before
 * the index. Run with {@code ./mvnw -B -o -q -pl keystore-service -Pbenchmark test
 * -Dtest=KeystoreScaleBenchmark}; other sizes with {@code -Dbenchmark.aliases=1000,5000 -Dbenchmark.sample=500}.
 */
@Tag("benchmark")
class KeystoreScaleBenchmark {

    private static final int WINDOW = 1000;

    private final SelfSignedKeyPairIssuer issuer = new SelfSignedKeyPairIssuer(Clock.systemUTC(),
            new CertificateProperties(Duration.ofDays(365), "keyrenewal"));

    @TempDir
    Path folder;

    @Test
    void generatesAndExchangesKeysAtEachStoreSize() {
        List<Integer> sizes = Arrays.stream(System.getProperty("benchmark.aliases", "1000,20000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int sample = Integer.getInteger("benchmark.sample", 1000);
        for (int size : sizes) {
            Pkcs12TenantKeystore keystore = new Pkcs12TenantKeystore(new KeystoreFileProperties(
                    folder.resolve("aliases-" + size), "benchmark-password", null),
                    H2Files.in(folder.resolve("aliases-" + size)));
            List<KeystoreAlias> aliases = IntStream.range(0, size)
                    .mapToObj(number -> KeystoreAlias.of(String.format(Locale.ROOT, "partner-%05d-sign", number)))
                    .toList();
            int window = Math.min(WINDOW, size);
            double firstInstalls = measure(size, "install the first key pair, first " + window + " aliases",
                    aliases.subList(0, window), alias -> keystore.install(alias, keyPairFor(alias)));
            aliases.subList(window, Math.max(window, size - window))
                    .forEach(alias -> keystore.install(alias, keyPairFor(alias)));
            double lastInstalls = size >= 2 * window
                    ? measure(size, "install the first key pair, last " + window + " aliases",
                    aliases.subList(size - window, size), alias -> keystore.install(alias, keyPairFor(alias)))
                    : firstInstalls;

            int step = Math.max(1, size / Math.min(sample, size));
            List<KeystoreAlias> sampled = IntStream.range(0, size).filter(index -> index % step == 0)
                    .mapToObj(aliases::get).toList();
            Map<KeystoreAlias, IssuedKeyPair> staged = new HashMap<>();
            double staging = measure(size, "generate and stage a new key pair, " + sampled.size() + " aliases",
                    sampled, alias -> {
                        IssuedKeyPair keyPair = keyPairFor(alias);
                        staged.put(alias, keyPair);
                        keystore.stage(alias, keyPair);
                    });
            Instant until = Instant.now().plus(Duration.ofDays(90));
            double exchanging = measure(size, "exchange the staged key pair in, " + sampled.size() + " aliases",
                    sampled, alias -> keystore.exchange(alias, staged.get(alias).publicCertificate().fingerprint(),
                            until));

            listing(size, keystore, aliases);
            System.out.printf(Locale.ROOT, "BENCHMARK %,d aliases: install %.1f ops/s (first %d) / %.1f ops/s (last"
                    + " %d), generate+stage %.1f ops/s, exchange %.1f ops/s%n", size, firstInstalls, window,
                    lastInstalls, window, staging, exchanging);
            assertThat(keystore.entriesOf(sampled.get(sampled.size() - 1))).extracting(KeystoreEntry::state)
                    .containsExactly(EntryState.ACTIVE, EntryState.ARCHIVED);
        }
    }

    /** Milliseconds per listing: from the index (each repeated, the median), and opening every alias (once). */
    private static void listing(int size, Pkcs12TenantKeystore keystore, List<KeystoreAlias> aliases) {
        EntryQuery firstPage = new EntryQuery(null, null, 0, EntryQuery.DEFAULT_SIZE);
        double page = medianMillis(() -> keystore.entries(firstPage).entries().size());
        EntryQuery pages = new EntryQuery(null, null, 0, EntryQuery.MAX_SIZE);
        int[] listed = new int[1];
        double everyPage = medianMillis(() -> {
            listed[0] = 0;
            for (EntryPage next = keystore.entries(pages); ; next = keystore.entries(next.query().page(
                    next.query().page() + 1))) {
                listed[0] += next.entries().size();
                if (!next.hasNext()) {
                    return listed[0];
                }
            }
        });
        long start = System.nanoTime();
        int opened = aliases.stream().mapToInt(alias -> keystore.entriesOf(alias).size()).sum();
        double everyAlias = (System.nanoTime() - start) / 1e6;
        assertThat(listed[0]).isEqualTo(opened);
        System.out.printf(Locale.ROOT, "BENCHMARK %,d aliases: list %,d entries: first page of %d from the index"
                        + " %.1f ms, every entry from the index %.1f ms, opening every alias %.0f ms (%.0fx)%n", size,
                opened, EntryQuery.DEFAULT_SIZE, page, everyPage, everyAlias, everyAlias / everyPage);
    }

    private static double medianMillis(java.util.function.IntSupplier listing) {
        double[] millis = new double[11];
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            listing.getAsInt();
            millis[run] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    private IssuedKeyPair keyPairFor(KeystoreAlias alias) {
        return issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
    }

    private static double measure(int size, String what, List<KeystoreAlias> aliases,
                                  Consumer<KeystoreAlias> operation) {
        long start = System.nanoTime();
        aliases.forEach(operation);
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = aliases.size() / seconds;
        System.out.printf(Locale.ROOT, "BENCHMARK %,d aliases: %s: %.1f s, %.1f ops/s%n", size, what, seconds,
                perSecond);
        return perSecond;
    }
}
