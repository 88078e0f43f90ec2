package io.keyrenewal.renewal.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.SharedPostgresContext;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * On PostgreSQL the rebuild writes a new table and swaps it in: the rebuilt read model equals the live one, keeps
 * what the live projection moved on meanwhile, keeps the table's indexes, names and grants, and lets commands run
 * during the rebuild and after it.
 */
class SwappedRebuildTest extends SharedPostgresContext {

    /**
     * The renewals this class started, at times in milliseconds: others of the shared context start theirs at the
     * service clock's nanoseconds, which their views keep to the microsecond.
     */
    static final Set<String> OWN_RENEWALS = ConcurrentHashMap.newKeySet();

    @Autowired
    CommandGateway commands;
    @Autowired
    ReadModelRebuild rebuild;
    @Autowired
    RenewalViewRepository views;
    @Autowired
    AsOfQueries asOf;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void rebuildsAnEmptiedReadModelEqualToTheLiveOneAndKeepsTheTablesIndexesNamesAndGrants() throws Exception {
        // all started before any key pair: the rebuild, holding 3 views in memory, takes views back from its table
        List<RenewalId> renewals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            renewals.add(started("swap-" + i, i % 2 == 0, now()));
        }
        renewals.forEach(renewal -> keyPairOf(renewal, "swap-" + renewal, now()));
        String role = "renewal_reader_" + System.nanoTime();
        jdbc.execute("create role " + role);
        jdbc.execute("grant select on renewal_view to " + role);
        Set<String> indexes = indexesOfTheReadModel();
        assertThat(indexes).contains("renewal_view_pkey", "renewal_view_state_idx", "renewal_view_partner_idx",
                "renewal_view_alias_idx");
        String live = snapshot();

        jdbc.update("delete from renewal_view");
        rebuildAndWait();

        assertThat(snapshot()).isEqualTo(live);
        assertThat(indexesOfTheReadModel()).isEqualTo(indexes);
        assertThat(jdbc.queryForObject("select has_table_privilege(?, 'renewal_view', 'select')", Boolean.class,
                role)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from pg_tables where tablename = ?", Long.class,
                SwappedTableTarget.REBUILT)).isZero();

        RenewalId afterwards = renewalWithItsKeyPair("swap-afterwards", true);
        assertThat(views.findById(afterwards.value()).orElseThrow().getLastStep()).isEqualTo("CERTIFICATE_PROVIDED");
        assertThat(views.count()).isEqualTo(renewalsInTheStore()).isGreaterThan(renewals.size());
    }

    @Test
    void aViewWrittenToTheNewTableComesBackAsItWasWrittenAndOnlyOnce() throws Exception {
        RenewalView written = views.findById(renewalWithItsKeyPair("taken-back", true).value()).orElseThrow();
        try (SwappedTableTarget target = new SwappedTableTarget(dataSource, entityManagerFactory)) {
            target.write(List.of(written));
            RenewalView takenBack = target.takeBack(written.getRenewalId());
            assertThat(ContractJson.write(takenBack)).isEqualTo(ContractJson.write(written));
            assertThat(target.takeBack(written.getRenewalId())).isNull();
            target.write(List.of(takenBack));
        }
        assertThat(jdbc.queryForObject("select count(*) from pg_tables where tablename = ?", Long.class,
                SwappedTableTarget.REBUILT)).as("dropped, not swapped in").isZero();
        assertThat(views.findById(written.getRenewalId())).isPresent();
    }

    @Test
    void keepsTheViewsTheLiveProjectionMovedOnOrCreatedWhileTheRebuildRan() throws Exception {
        RenewalId movedOn = renewalWithItsKeyPair("live-moved-on", false);
        RenewalId rebuiltOnly = renewalWithItsKeyPair("rebuilt-only", true);
        RenewalView movedOnRebuilt = views.findById(movedOn.value()).orElseThrow();
        RenewalView rebuiltOnlyView = views.findById(rebuiltOnly.value()).orElseThrow();

        try (SwappedTableTarget target = new SwappedTableTarget(dataSource, entityManagerFactory)) {
            target.write(List.of(movedOnRebuilt, rebuiltOnlyView));
            // meanwhile the live projection moves one renewal on and starts another
            jdbc.update("update renewal_view set last_sequence = 99, alias = 'moved-on-live' where renewal_id = ?",
                    movedOn.value());
            RenewalId startedMeanwhile = renewalWithItsKeyPair("started-meanwhile", false);
            jdbc.update("update renewal_view set alias = 'stale-live' where renewal_id = ?", rebuiltOnly.value());
            target.complete();

            assertThat(views.findById(movedOn.value()).orElseThrow().getAlias()).isEqualTo("moved-on-live");
            assertThat(views.findById(startedMeanwhile.value()).orElseThrow().getAlias())
                    .isEqualTo("started-meanwhile");
            assertThat(views.findById(rebuiltOnly.value()).orElseThrow().getAlias()).isEqualTo("rebuilt-only");
        }
        jdbc.update("delete from renewal_view where renewal_id = ?", movedOn.value());
        rebuildAndWait();
        assertThat(views.findById(movedOn.value()).orElseThrow().getAlias()).isEqualTo("live-moved-on");
    }

    @Test
    void commandsGoOnDuringARebuildAndEveryViewEndsAsItsEventsSay() throws Exception {
        for (int i = 0; i < 30; i++) {
            renewalWithItsKeyPair("before-" + i, i % 3 == 0);
        }
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        CompletableFuture<Integer> meanwhile = CompletableFuture.supplyAsync(() -> {
            int started = 0;
            while (rebuilding.get() || started < 5) {
                renewalWithItsKeyPair("during-" + started, started % 2 == 0);
                started++;
            }
            return started;
        });
        rebuildAndWait();
        rebuilding.set(false);
        assertThat(meanwhile.join()).isGreaterThanOrEqualTo(5);

        List<RenewalView> all = views.findAll();
        assertThat((long) all.size()).isEqualTo(renewalsInTheStore());
        for (RenewalView view : all.stream().filter(view -> OWN_RENEWALS.contains(view.getRenewalId())).toList()) {
            ObjectNode rebuilt = ContractJson.mapper().valueToTree(view);
            ObjectNode folded = ContractJson.mapper().valueToTree(asOf.renewal(view.getRenewalId(), Instant.MAX)
                    .orElseThrow());
            assertThat(rebuilt.remove("lastSequence").asLong()).as(view.getRenewalId()).isEqualTo(jdbc.queryForObject(
                    "select max(sequence_number) from domain_event_entry where aggregate_identifier = ?", Long.class,
                    view.getRenewalId()));
            folded.remove("lastSequence");
            assertThat(rebuilt).as(view.getRenewalId()).isEqualTo(folded);
        }
    }

    @Test
    void oneRebuildAtATimeAndATableLeftByAnInterruptedOneIsDropped() throws Exception {
        renewalWithItsKeyPair("leftover", true);
        jdbc.execute("create table " + SwappedTableTarget.REBUILT + " (left_by_a_crash int)");

        try (SwappedTableTarget running = new SwappedTableTarget(dataSource, entityManagerFactory)) {
            assertThat(jdbc.queryForList("select column_name from information_schema.columns where table_name = ?",
                    String.class, SwappedTableTarget.REBUILT)).contains("renewal_id").doesNotContain("left_by_a_crash");
            assertThatThrownBy(() -> new SwappedTableTarget(dataSource, entityManagerFactory))
                    .hasMessageContaining("another rebuild of the read model is running");
            rebuild.start();
            ReadModelRebuild.Progress refused = awaitEnd();
            assertThat(refused.state()).isEqualTo("FAILED");
            assertThat(refused.failure()).contains("another rebuild of the read model is running");
        }
        assertThat(jdbc.queryForObject("select count(*) from pg_tables where tablename = ?", Long.class,
                SwappedTableTarget.REBUILT)).isZero();
        rebuildAndWait();
    }

    private RenewalId renewalWithItsKeyPair(String alias, boolean playbook3) {
        Instant now = now();
        RenewalId renewal = started(alias, playbook3, now);
        keyPairOf(renewal, alias, now);
        return renewal;
    }

    private RenewalId started(String alias, boolean playbook3, Instant now) {
        RenewalId renewal = RenewalId.random();
        OWN_RENEWALS.add(renewal.value());
        commands.sendAndWait(new Commands.StartRenewal(renewal, alias, new PartnerId("acme"), playbook3
                ? Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE : Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
                Duration.ofDays(30), KeyAlgorithm.EC_P256, now));
        return renewal;
    }

    private void keyPairOf(RenewalId renewal, String alias, Instant now) {
        commands.sendAndWait(new Commands.RecordKeyPairGenerated(renewal, "k-" + alias,
                Certificates.certificate(alias, "0a", now), Certificates.ref(alias, "0b"), now));
    }

    /** Times in milliseconds, which PostgreSQL keeps as they are (it keeps microseconds). */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private long renewalsInTheStore() {
        return jdbc.queryForObject("select count(distinct aggregate_identifier) from domain_event_entry"
                + " where type = 'Renewal'", Long.class);
    }

    private void rebuildAndWait() {
        rebuild.start();
        ReadModelRebuild.Progress done = awaitEnd();
        assertThat(done.state()).as(String.valueOf(done.failure())).isEqualTo("DONE");
        assertThat(done.eventsDone()).isEqualTo(done.eventsTotal()).isPositive();
    }

    private ReadModelRebuild.Progress awaitEnd() {
        return await().atMost(Duration.ofSeconds(60)).until(rebuild::progress,
                progress -> !"RUNNING".equals(progress.state()));
    }

    private Set<String> indexesOfTheReadModel() {
        return jdbc.queryForList("select indexname from pg_indexes where tablename = 'renewal_view'", String.class)
                .stream().collect(Collectors.toSet());
    }

    private String snapshot() throws Exception {
        return ContractJson.mapper().writeValueAsString(views.findAll(Sort.by("renewalId")));
    }
}
