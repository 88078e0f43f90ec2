package io.keyrenewal.renewal.inventory;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.watch.CertificateWatched;
import io.keyrenewal.renewal.support.SharedPostgresContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On PostgreSQL, a renewal's start and the watch's first certificate insert an alias's inventory row at the same
 * moment: the one that waits for the other's row goes on with its own transaction, and the row has what both wrote.
 * (The CI's system test saw the start answer 500 when the loser's insert aborted its transaction.)
 */
class AliasInventoryOnPostgresTest extends SharedPostgresContext {

    @Autowired
    AliasInventory inventory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoTransactionsThatInsertTheSameAliasAtOnceBothCommit() throws Exception {
        String alias = "inventory-race";
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            inventory.aliasPolicySet(alias, new PartnerId("acme"), KeyPurpose.SIGN_INBOUND_RESPONSE);
            firstInserted.countDown();
            awaitRelease(releaseFirst);
        }));
        assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
        Instant now = Instant.now();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status ->
                inventory.watched(new CertificateWatched(alias, AliasKind.KEY_PAIR, new CertificateSummary(
                        new Fingerprint("ab".repeat(32)), "CN=" + alias, "CN=" + alias, "7", now,
                        now.plus(Duration.ofDays(90))), 1, now))));
        // the second waits on the first's uncommitted row
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from"
                + " pg_stat_activity where wait_event_type = 'Lock' and query like '%alias_inventory%'",
                Integer.class) > 0);

        releaseFirst.countDown();

        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        Map<String, Object> row = jdbc.queryForMap("select partner_id, purpose, serial_number from alias_inventory"
                + " where alias = ?", alias);
        assertThat(row).containsEntry("partner_id", "acme").containsEntry("purpose", "SIGN_INBOUND_RESPONSE")
                .containsEntry("serial_number", "7");
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
