package io.keyrenewal.renewal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.SharedPostgresContext;
import io.keyrenewal.renewal.relay.RenewalEventRelay;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
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
import static org.awaitility.Awaitility.await;

/**
 * On PostgreSQL, the local stack's and production's database: the rebuilt read model equals the live one, the table
 * keeps its indexes and grants, the relay is not moved, commands run during the rebuild with every view ending as its
 * events say, and a second rebuild waits for the tokens the first one holds, on this or another instance.
 */
class ReadModelRebuildOnPostgresTest extends SharedPostgresContext {

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
    EventStore eventStore;
    @Autowired
    EntityManagerProvider entityManagerProvider;
    @Autowired
    Serializer serializer;
    @Autowired
    TransactionManager transactions;

    @Test
    void rebuildsAnEmptiedReadModelEqualToTheLiveOneAndKeepsTheTablesIndexesGrantsAndTheRelaysPosition()
            throws Exception {
        List<RenewalId> renewals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            renewals.add(started("emptied-" + i, i % 2 == 0, now()));
        }
        renewals.forEach(renewal -> keyPairOf(renewal, "emptied-" + renewal, now()));
        String role = "renewal_reader_" + System.nanoTime();
        jdbc.execute("create role " + role);
        jdbc.execute("grant select on renewal_view to " + role);
        Set<String> indexes = indexesOfTheReadModel();
        assertThat(indexes).contains("renewal_view_pkey", "renewal_view_state_idx", "renewal_view_partner_idx",
                "renewal_view_alias_idx");
        String live = snapshot();
        String relay = relayToken();

        jdbc.update("delete from renewal_view");
        rebuildAndWait();

        assertThat(snapshot()).isEqualTo(live);
        assertThat(indexesOfTheReadModel()).isEqualTo(indexes);
        assertThat(jdbc.queryForObject("select has_table_privilege(?, 'renewal_view', 'select')", Boolean.class,
                role)).isTrue();
        assertThat(relayToken()).as("the relay's token").isEqualTo(relay);

        RenewalId afterwards = renewalWithItsKeyPair("emptied-afterwards", true);
        assertThat(views.findById(afterwards.value()).orElseThrow().getLastStep()).isEqualTo("CERTIFICATE_PROVIDED");
        assertThat(views.count()).isEqualTo(renewalsInTheStore()).isGreaterThan(renewals.size());
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
    void aRebuildIsRefusedWhileAnotherInstanceHoldsTheRebuildsTokens() {
        renewalWithItsKeyPair("held", true);
        rebuildAndWait();
        TokenStore anotherInstance = JpaTokenStore.builder().entityManagerProvider(entityManagerProvider)
                .serializer(serializer).nodeId("another-instance").build();
        transactions.executeInTransaction(() -> anotherInstance.fetchToken(ReadModelRebuild.PROCESSOR, 0));

        rebuild.start();
        ReadModelRebuild.Progress refused = awaitEnd();
        assertThat(refused.state()).isEqualTo("FAILED");
        assertThat(refused.failure()).contains("another rebuild of the read model is running");

        transactions.executeInTransaction(() -> anotherInstance.releaseClaim(ReadModelRebuild.PROCESSOR, 0));
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

    /** The Kafka relay's stored token once it has caught up with the event store. */
    private String relayToken() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        return await().atMost(Duration.ofSeconds(30)).until(() -> new String(jdbc.queryForObject(
                "select token from token_entry where processor_name = ?", byte[].class,
                RenewalEventRelay.PROCESSING_GROUP), StandardCharsets.UTF_8), token -> ContractJson.read(token,
                JsonNode.class).get("index").asLong() == head);
    }

    private String snapshot() throws Exception {
        return ContractJson.mapper().writeValueAsString(views.findAll(Sort.by("renewalId")));
    }
}
