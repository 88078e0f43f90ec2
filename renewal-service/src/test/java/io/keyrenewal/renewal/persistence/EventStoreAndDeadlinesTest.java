package io.keyrenewal.renewal.persistence;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.testsupport.RealPostgres;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import io.keyrenewal.testsupport.kafka.TestKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store and the retention deadline on both databases: H2 (file, the default) and a real PostgreSQL. */
@KafkaTestBroker(partitions = 1)
class EventStoreAndDeadlinesTest {

    static TestKafka kafka;

    @BeforeAll
    static void takeKafka(TestKafka broker) {
        kafka = broker;
    }

    @Test
    void theRetentionDeadlineSurvivesARestartOnTheDefaultH2File(@TempDir Path data) {
        RetentionAcrossRestarts scenario = new RetentionAcrossRestarts(kafka.bootstrapServers(),
                "jdbc:h2:file:" + data.resolve("renewal") + ";AUTO_SERVER=FALSE", "sa", "");

        RenewalId renewalId = scenario.runUntilTheOldKeyIsRetained();

        assertThat(scenario.afterRestartMoveTheClockPastRetention(renewalId)).containsExactly("RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided", "PartnerSwitchedToNewKey", "OldKeyPairRemovalDecided");
    }

    @Test
    void theEventStoreAndTheRetentionDeadlineRunOnARealPostgresWithByteaColumnsAndAGapFreeIndex() throws Exception {
        RealPostgres.Database database = RealPostgres.freshDatabase();
        RetentionAcrossRestarts scenario = new RetentionAcrossRestarts(kafka.bootstrapServers(), database.url(),
                database.user(), database.password());

        RenewalId renewalId = scenario.runUntilTheOldKeyIsRetained();

        assertThat(scenario.afterRestartMoveTheClockPastRetention(renewalId)).containsExactly("RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided", "PartnerSwitchedToNewKey", "OldKeyPairRemovalDecided");
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                database.password())) {
            assertThat(columnTypes(connection, "domain_event_entry"))
                    .containsEntry("payload", "bytea").containsEntry("meta_data", "bytea");
            ResultSet events = connection.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = '" + renewalId + "'");
            events.next();
            assertThat(events.getInt(1)).as("events stored on " + database.server()).isEqualTo(5);
            ResultSet sequence = connection.createStatement().executeQuery(
                    "SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_seq'");
            sequence.next();
            assertThat(sequence.getLong(1)).as("the global event index has no gaps").isEqualTo(1);
        }
    }

    private static Map<String, String> columnTypes(Connection connection, String table) throws Exception {
        Map<String, String> types = new HashMap<>();
        ResultSet columns = connection.createStatement().executeQuery(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '" + table + "'");
        while (columns.next()) {
            types.put(columns.getString(1), columns.getString(2));
        }
        return types;
    }
}
