package io.keyrenewal.renewal.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.keyrenewal.testsupport.RealPostgres;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline manager on a real PostgreSQL with the service's schema: one deadline per name and aggregate, replaced
 * when scheduled again, cancelled by its key without reading any other deadline, and written in the caller's
 * transaction.
 */
class OneDeadlinePerScopeManagerTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static PGSimpleDataSource database;
    private static JdbcClient jdbc;
    private Scheduler scheduler;
    private OneDeadlinePerScopeManager deadlines;

    @BeforeAll
    static void schema() {
        RealPostgres.Database fresh = RealPostgres.freshDatabase();
        database = new PGSimpleDataSource();
        database.setUrl(fresh.url());
        database.setUser(fresh.user());
        database.setPassword(fresh.password());
        Flyway.configure().dataSource(database)
                .locations("classpath:db/migration/postgresql", "classpath:db/migration/common").load().migrate();
        jdbc = JdbcClient.create(database);
    }

    @BeforeEach
    void noDeadlines() {
        jdbc.sql("DELETE FROM scheduled_tasks").update();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(database),
                        DbSchedulerDeadlineManager.binaryTask(() -> deadlines))
                .commitWhenAutocommitDisabled(false)
                .build();
        deadlines = new OneDeadlinePerScopeManager(scheduler, scope -> Stream.empty(), serializer,
                NoTransactionManager.instance());
    }

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    @Test
    void schedulingANameTheAggregateHasAlreadyReplacesItsTimeAndPayload() {
        deadlines.schedule(NOW.plusSeconds(60), "partner-step-overdue", "VERIFIES_BOTH", renewal("r-1"));
        deadlines.schedule(NOW.plusSeconds(120), "partner-step-overdue", "OLD_CERTIFICATE_REMOVED", renewal("r-1"));

        assertThat(rows()).containsExactly(new Row("partner-step-overdue:r-1", NOW.plusSeconds(120)));
        assertThat(payloadOf("partner-step-overdue:r-1")).contains("OLD_CERTIFICATE_REMOVED")
                .doesNotContain("VERIFIES_BOTH");
    }

    @Test
    void cancellingTakesOnlyThatAggregatesDeadlineOfThatName() {
        deadlines.schedule(NOW.plusSeconds(60), "partner-step-overdue", "VERIFIES_BOTH", renewal("r-1"));
        deadlines.schedule(NOW.plusSeconds(60), "retention-elapsed", null, renewal("r-1"));
        deadlines.schedule(NOW.plusSeconds(60), "partner-step-overdue", "VERIFIES_BOTH", renewal("r-2"));

        deadlines.cancelAllWithinScope("partner-step-overdue", renewal("r-1"));
        deadlines.cancelAllWithinScope("partner-step-escalation", renewal("r-1"));

        assertThat(rows()).extracting(Row::instance)
                .containsExactlyInAnyOrder("retention-elapsed:r-1", "partner-step-overdue:r-2");
    }

    @Test
    void cancellingReadsNoOtherDeadline() {
        // rows that cannot be deserialized: Axon's own manager reads every deadline to cancel one, and fails here
        for (int i = 0; i < 500; i++) {
            jdbc.sql("""
                            INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                                         version)
                            VALUES ('AxonDeadline', :id, :garbage, :at, false, 1)""")
                    .param("id", "partner-step-overdue:other-" + i)
                    .param("garbage", new byte[]{1, 2, 3})
                    .param("at", OffsetDateTime.parse("2026-12-08T10:00:00Z"))
                    .update();
        }
        deadlines.schedule(NOW.plusSeconds(60), "partner-step-overdue", "VERIFIES_BOTH", renewal("r-1"));

        deadlines.cancelAllWithinScope("partner-step-overdue", renewal("r-1"));

        assertThat(rows()).hasSize(500).extracting(Row::instance).doesNotContain("partner-step-overdue:r-1");
    }

    @Test
    void aDeadlineExecutingNowIsLeftToRunAndANewOneOfTheSameNameGetsAnIdOfItsOwn() {
        deadlines.schedule(NOW.plusSeconds(60), "partner-step-overdue", "VERIFIES_BOTH", renewal("r-1"));
        jdbc.sql("UPDATE scheduled_tasks SET picked = true, picked_by = 'another-instance'").update();

        deadlines.cancelAllWithinScope("partner-step-overdue", renewal("r-1"));
        deadlines.schedule(NOW.plusSeconds(120), "partner-step-overdue", "OLD_CERTIFICATE_REMOVED", renewal("r-1"));

        assertThat(rows()).hasSize(2).extracting(Row::instance)
                .contains("partner-step-overdue:r-1")
                .anySatisfy(id -> assertThat(id).startsWith("partner-step-overdue:r-1:"));
    }

    @Test
    void aDeadlineIsWrittenInTheCallersTransactionAndGoneWithItsRollback() {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));

        transaction.executeWithoutResult(status -> {
            deadlines.schedule(NOW.plusSeconds(60), "retention-elapsed", null, renewal("r-1"));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status ->
                deadlines.schedule(NOW.plusSeconds(60), "retention-elapsed", null, renewal("r-2")));

        assertThat(rows()).extracting(Row::instance).containsExactly("retention-elapsed:r-2");
    }

    private static AggregateScopeDescriptor renewal(String id) {
        return new AggregateScopeDescriptor("Renewal", id);
    }

    private record Row(String instance, Instant executionTime) {
    }

    private List<Row> rows() {
        return jdbc.sql("SELECT task_instance, execution_time FROM scheduled_tasks ORDER BY task_instance")
                .query((row, n) -> new Row(row.getString(1),
                        row.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    private String payloadOf(String instance) {
        byte[] data = jdbc.sql("SELECT task_data FROM scheduled_tasks WHERE task_instance = :id")
                .param("id", instance).query(byte[].class).single();
        return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
