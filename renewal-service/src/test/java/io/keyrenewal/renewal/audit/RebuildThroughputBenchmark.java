package io.keyrenewal.renewal.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.query.AsOfQueries;
import io.keyrenewal.renewal.query.ReadModelRebuild;
import io.keyrenewal.renewal.query.RenewalViewRepository;
import io.keyrenewal.renewal.support.RenewalHistories;
import io.keyrenewal.testsupport.RealPostgres;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast the read model is rebuilt from a large event store on PostgreSQL, next to a plain JDBC read of the same
 * table in the same run (the raw figure). The store is filled as production fills it (events serialized by the
 * service's own serializer, interleaved renewals, gap-free global index, hash chain), only faster: by COPY. Not a timed
 * test: it prints the figures and checks that the rebuilt read model is right. Each round reads the table plainly,
 * then rebuilds the read model (its views emptied first, so every view is written afresh), so a busy machine shows as a
 * spread between rounds. Round 1 runs on a cold JVM; the summary is the median of the later rounds. The write side
 * keeps running: a probe sends one command at a time (a rejected confirmation recorded on one of a few dozen stored
 * renewals, an event the live projection folds into the renewal's view) before the rebuild and throughout it, and the
 * command's latency is reported for both, with the rebuilt views of the probed renewals checked against their events.
 * <p>
 * Run: {@code ./mvnw -pl renewal-service -am -Pbenchmark test -Dtest=RebuildThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dkeyrenewal.benchmark.events=1000000] [-Dkeyrenewal.benchmark.rounds=4]
 * [-Dkeyrenewal.benchmark.keep=true] [-Dkeyrenewal.benchmark.database=NAME]}: {@code keep} leaves the stored events
 * in their database (its name is printed), {@code database} rebuilds from such a database instead of storing anew.
 */
@Tag("benchmark")
@SpringBootTest
@KafkaTestBroker(partitions = 1)
class RebuildThroughputBenchmark {

    static final int EVENTS = Integer.getInteger("keyrenewal.benchmark.events", 1_000_000);
    static final int RENEWALS_IN_FLIGHT = 2_000;
    static final int ROUNDS = Integer.getInteger("keyrenewal.benchmark.rounds", 4);
    static final int PLAIN_READ_FETCH_SIZE = 1_000;
    static final String STORED = System.getProperty("keyrenewal.benchmark.database");
    static final RealPostgres.Database DATABASE = STORED == null ? RealPostgres.freshDatabase()
            : RealPostgres.existingDatabase(STORED);

    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ReadModelRebuild rebuild;
    @Autowired
    RenewalViewRepository views;
    @Autowired
    AsOfQueries asOf;
    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DATABASE.useFor(registry);
    }

    @AfterAll
    static void freeTheDisk() throws SQLException {
        if (Boolean.getBoolean("keyrenewal.benchmark.keep")) {
            return;
        }
        try (Connection connection = connect()) {
            connection.createStatement().execute("truncate domain_event_entry, event_chain, renewal_view");
        }
    }

    @Test
    void rebuildsTheReadModelOfAMillionStoredEventsAndComparesItWithAPlainRead() throws Exception {
        stopTheRelays();
        Instant loadStart = Instant.now();
        int renewals = STORED == null ? store(EVENTS) : storedRenewals();
        System.out.printf("%nREBUILD BENCHMARK on %s, database %s: %d events of %d renewals stored in %d s%n",
                DATABASE.server(), DATABASE.url().substring(DATABASE.url().lastIndexOf('/') + 1), EVENTS, renewals,
                Duration.between(loadStart, Instant.now()).toSeconds());

        plainRead();
        List<String> probed = probedRenewals();
        List<double[]> warmRounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            double readRate = timed(this::plainRead);
            Probe quiet = new Probe(probed);
            quiet.runFor(Duration.ofSeconds(10));
            views.deleteAllInBatch();
            long storedAtStart = storedEvents();
            Probe duringRebuild = new Probe(probed);
            long rebuildStart = System.nanoTime();
            rebuild.start();
            Thread probing = new Thread(() -> duringRebuild.runWhile(() -> "RUNNING".equals(
                    rebuild.progress().state())), "rebuild-probe");
            probing.start();
            ReadModelRebuild.Progress progress = await().atMost(Duration.ofMinutes(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(rebuild::progress, done -> !"RUNNING".equals(done.state()));
            double rebuildRate = progress.eventsDone() * 1e9 / (System.nanoTime() - rebuildStart);
            probing.join();

            System.out.printf("REBUILD BENCHMARK round %d%s: plain read %.0f events/s; rebuild %.0f events/s"
                            + " (%.1f s); rebuild/read = %.2f%n", round, round == 1 ? " (cold JVM)" : "", readRate,
                    rebuildRate, progress.eventsDone() / rebuildRate, rebuildRate / readRate);
            System.out.printf("REBUILD BENCHMARK round %d commands: without a rebuild %s; during it %s;"
                    + " p50 during/without = %.1f%n", round, quiet, duringRebuild,
                    duringRebuild.percentile(50) / quiet.percentile(50));
            assertThat(progress.state()).as(String.valueOf(progress.failure())).isEqualTo("DONE");
            assertThat(progress.eventsDone()).as("every event stored when it started").isEqualTo(storedAtStart);
            assertThat(views.count()).isEqualTo(renewals);
            assertThat(duringRebuild.count()).as("commands answered during the rebuild").isPositive();
            if (round > 1) {
                warmRounds.add(new double[]{readRate, rebuildRate, quiet.percentile(50), duringRebuild.percentile(50),
                        duringRebuild.percentile(99)});
            }
        }
        if (!warmRounds.isEmpty()) {
            double read = median(warmRounds, 0);
            double rebuilt = median(warmRounds, 1);
            System.out.printf("REBUILD BENCHMARK median of rounds 2-%d: plain read %.0f events/s; rebuild %.0f"
                    + " events/s; rebuild/read = %.2f; command p50 %.1f ms without a rebuild, %.1f ms during it"
                    + " (p99 %.1f ms)%n", ROUNDS, read, rebuilt, rebuilt / read, median(warmRounds, 2),
                    median(warmRounds, 3), median(warmRounds, 4));
        }
        List<String> checked = new ArrayList<>(sampleOfRenewals());
        checked.addAll(probed);
        for (String renewalId : checked) {
            ObjectNode rebuilt = ContractJson.mapper().valueToTree(views.findById(renewalId).orElseThrow());
            ObjectNode folded = ContractJson.mapper().valueToTree(asOf.renewal(renewalId, Instant.MAX).orElseThrow());
            assertThat(rebuilt.remove("lastSequence").asLong())
                    .isEqualTo(eventStore.lastSequenceNumberFor(renewalId).orElseThrow());
            folded.remove("lastSequence");
            assertThat(rebuilt).isEqualTo(folded);
        }
    }

    /** A few dozen stored renewals spread over the store (35 of a million events): the probe's targets. */
    private List<String> probedRenewals() throws SQLException {
        List<String> renewalIds = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select aggregate_identifier from domain_event_entry"
                     + " where type = 'Renewal' and sequence_number = 0 and global_index % 3000 = 1")) {
            while (rows.next()) {
                renewalIds.add(rows.getString(1));
            }
        }
        assertThat(renewalIds).isNotEmpty();
        return renewalIds;
    }

    private long storedEvents() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from domain_event_entry"
                     + " where type = 'Renewal'")) {
            count.next();
            return count.getLong(1);
        }
    }

    /**
     * Sends one command at a time, each to the next probed renewal, and keeps the latencies: a partner's rejected
     * confirmation, which every renewal records whatever its state, so each command writes an event and its view.
     */
    private final class Probe {

        private final List<String> renewalIds;
        private final List<Long> latenciesNanos = new ArrayList<>();

        Probe(List<String> renewalIds) {
            this.renewalIds = renewalIds;
        }

        void runFor(Duration duration) {
            long end = System.nanoTime() + duration.toNanos();
            runWhile(() -> System.nanoTime() < end);
        }

        void runWhile(java.util.function.BooleanSupplier condition) {
            while (condition.getAsBoolean()) {
                String renewalId = renewalIds.get(latenciesNanos.size() % renewalIds.size());
                long start = System.nanoTime();
                commands.sendAndWait(new Commands.RecordConfirmationRejection(new RenewalId(renewalId),
                        "probe-" + UUID.randomUUID(), "probe", "acme", "VERIFIES_BOTH", "benchmark probe",
                        // PostgreSQL keeps microseconds: the view's time and the event's then agree exactly
                        Instant.now().truncatedTo(ChronoUnit.MICROS)));
                latenciesNanos.add(System.nanoTime() - start);
            }
        }

        int count() {
            return latenciesNanos.size();
        }

        /** The {@code p}th percentile in milliseconds. */
        double percentile(int p) {
            long[] sorted = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length == 0 ? Double.NaN
                    : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%d commands, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", count(),
                    percentile(50), percentile(95), percentile(99), percentile(100));
        }
    }

    /** In production the relays are caught up and idle during a rebuild; here they would publish the whole store. */
    private void stopTheRelays() {
        processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .forEach(processor -> processor.shutDown());
    }

    /** Stores {@code events} events of interleaved renewals with their chain links; answers how many renewals. */
    private int store(int events) throws SQLException {
        RenewalHistories histories = new RenewalHistories(42, RENEWALS_IN_FLIGHT,
                Instant.parse("2025-01-01T00:00:00Z"));
        Map<String, String> lastHash = new HashMap<>();
        HexFormat hex = HexFormat.of();
        try (Connection eventConnection = connect(); Connection chainConnection = connect()) {
            CopyIn eventRows = eventConnection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy domain_event_entry"
                    + " (global_index, sequence_number, meta_data, payload, aggregate_identifier, event_identifier,"
                    + " payload_revision, payload_type, time_stamp, type) from stdin with (format csv)");
            CopyIn chainRows = chainConnection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy event_chain"
                    + " (aggregate_identifier, sequence_number, event_identifier, previous_hash, hash)"
                    + " from stdin with (format csv)");
            CsvBuffer eventCsv = new CsvBuffer(eventRows);
            CsvBuffer chainCsv = new CsvBuffer(chainRows);
            for (long globalIndex = 1; globalIndex <= events; globalIndex++) {
                RenewalHistories.Stored next = histories.next();
                String eventId = IdentifierFactory.getInstance().generateIdentifier();
                GenericDomainEventMessage<?> message = new GenericDomainEventMessage<>("Renewal", next.renewalId(),
                        next.sequence(), next.event(), MetaData.with("traceId", eventId).and("correlationId", eventId),
                        eventId, next.event().at());
                DomainEventEntry entry = new DomainEventEntry(message, eventSerializer);
                String payloadType = entry.getPayload().getType().getName();
                String revision = entry.getPayload().getType().getRevision();
                eventCsv.row(globalIndex, next.sequence(), "\\x" + hex.formatHex(entry.getMetaData().getData()),
                        "\\x" + hex.formatHex(entry.getPayload().getData()), next.renewalId(), eventId,
                        revision == null ? "" : revision, payloadType,
                        DateTimeUtils.formatInstant(message.getTimestamp()), "Renewal");
                String previous = next.sequence() == 0 ? ChainLink.GENESIS : lastHash.get(next.renewalId());
                String hash = ChainLink.hash(previous, eventId, next.renewalId(), next.sequence(),
                        message.getTimestamp(), payloadType, revision, entry.getPayload().getData());
                lastHash.put(next.renewalId(), hash);
                chainCsv.row(next.renewalId(), next.sequence(), eventId, previous, hash);
            }
            eventCsv.end();
            chainCsv.end();
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("select setval('domain_event_entry_seq', " + events + ")");
            statement.execute("vacuum analyze domain_event_entry");
            statement.execute("vacuum analyze event_chain");
        }
        return histories.renewals();
    }

    /** Reads every stored event in table order and touches its payload, with the driver's defaults. */
    private long plainRead() throws SQLException {
        long events = 0;
        long payloadBytes = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("select global_index, aggregate_identifier,"
                    + " sequence_number, payload_type, payload from domain_event_entry /* plain read " + System.nanoTime()
                    + " */")) {
                select.setFetchSize(PLAIN_READ_FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events++;
                        payloadBytes += rows.getBytes(5).length + rows.getString(2).length();
                    }
                }
            }
            connection.commit();
        }
        assertThat(payloadBytes).isPositive();
        assertThat(events).as("the stored events and the probes' since").isGreaterThanOrEqualTo(EVENTS);
        return events;
    }

    /** Events per second of a read. */
    private static double timed(Read read) throws SQLException {
        long start = System.nanoTime();
        long events = read.events();
        return events * 1e9 / (System.nanoTime() - start);
    }

    private interface Read {
        long events() throws SQLException;
    }

    private static double median(List<double[]> rounds, int figure) {
        double[] values = rounds.stream().mapToDouble(round -> round[figure]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** The renewals of a store kept from an earlier run; its size must be the one asked for. */
    private int storedRenewals() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet counts = statement.executeQuery("select count(*), count(distinct aggregate_identifier)"
                     + " from domain_event_entry where type = 'Renewal'")) {
            counts.next();
            assertThat(counts.getLong(1)).as("events stored in " + STORED + " (and probes of earlier runs)")
                    .isGreaterThanOrEqualTo(EVENTS);
            return counts.getInt(2);
        }
    }

    private List<String> sampleOfRenewals() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select renewal_id from renewal_view order by renewal_id"
                     + " limit 100")) {
            List<String> sample = new ArrayList<>();
            while (rows.next()) {
                sample.add(rows.getString(1));
            }
            return sample;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(DATABASE.url(), DATABASE.user(), DATABASE.password());
    }

    /** CSV rows for COPY, handed over in blocks of a few megabytes. */
    private static final class CsvBuffer {

        private final CopyIn copy;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4 << 20);
        private final StringBuilder line = new StringBuilder(4096);

        CsvBuffer(CopyIn copy) {
            this.copy = copy;
        }

        void row(Object... values) throws SQLException {
            line.setLength(0);
            for (int i = 0; i < values.length; i++) {
                line.append(i == 0 ? "" : ",").append(values[i]);
            }
            buffer.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            if (buffer.size() > 4 << 20) {
                flush();
            }
        }

        void end() throws SQLException {
            flush();
            copy.endCopy();
        }

        private void flush() throws SQLException {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }
}
