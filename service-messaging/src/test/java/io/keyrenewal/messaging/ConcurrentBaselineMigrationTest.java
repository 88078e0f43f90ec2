package io.keyrenewal.messaging;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two instances on one database whose schema is baselined: the second checks for Flyway's history table before the
 * first creates it, then finds it created and still empty, and Flyway refuses (seen in the CI's mass-renewal smoke
 * test, two keystore-service instances on one PostgreSQL). That race cannot be timed in a test, so the second
 * instance's Flyway here answers its first migrations with Flyway's refusal, word for word, and then migrates for real
 * (H2), as it does once the first instance's baseline is committed.
 */
class ConcurrentBaselineMigrationTest {

    static final String REFUSAL = "Unable to baseline schema history table \"PUBLIC\".\"flyway_schema_history\" as it"
            + " already exists, and is empty.\nDelete the schema history table, and run baseline again.";

    private final String url = "jdbc:h2:mem:baseline-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void migratesOnceTheOtherInstancesBaselineIsCommitted() throws SQLException {
        execute("create table other_service_table (id int)");
        SecondInstance flyway = new SecondInstance(url, 2);
        AtomicInteger retries = new AtomicInteger();

        ConcurrentBaselineMigration.migrate(flyway, retries::incrementAndGet);

        assertThat(retries).hasValue(2);
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("1");
        execute("insert into service_table values ('migrated')");
    }

    @Test
    void givesUpAfterItsAttemptsWithFlywaysReason() {
        AtomicInteger retries = new AtomicInteger();

        assertThatThrownBy(() -> ConcurrentBaselineMigration.migrate(new SecondInstance(url, Integer.MAX_VALUE),
                retries::incrementAndGet)).isInstanceOf(FlywayException.class).hasMessage(REFUSAL);
        assertThat(retries).hasValue(ConcurrentBaselineMigration.ATTEMPTS - 1);
    }

    @Test
    void anyOtherFailureStopsTheStartAtOnce() {
        Flyway broken = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/nonexistent")
                .failOnMissingLocations(true).load();
        AtomicInteger retries = new AtomicInteger();

        assertThatThrownBy(() -> ConcurrentBaselineMigration.migrate(broken, retries::incrementAndGet))
                .isInstanceOf(FlywayException.class).hasMessageNotContaining("already exists, and is empty");
        assertThat(retries).hasValue(0);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The instance that loses the race: refused {@code refusals} times, then a real migration. */
    private static final class SecondInstance extends Flyway {

        private int refusals;

        SecondInstance(String url, int refusals) {
            super(Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/concurrentbaseline")
                    .baselineOnMigrate(true).baselineVersion("0"));
            this.refusals = refusals;
        }

        @Override
        public MigrateResult migrate() {
            if (refusals-- > 0) {
                throw new FlywayException(REFUSAL);
            }
            return super.migrate();
        }
    }
}
