package io.keyrenewal.renewal.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.keyrenewal.testsupport.RealPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A deadline whose run failed for a passing reason (its database went away while it ran) is run again within seconds,
 * not after db-scheduler's 5 minutes: on a real db-scheduler and PostgreSQL, with the deadline tables of the service's
 * own migrations.
 */
class RetrySoonAfterFailureTest {

    @Test
    void aDeadlineThatFailedIsRunAgainSoonAndThenRemoved() throws Exception {
        RealPostgres.Database database = RealPostgres.freshDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/postgresql", "classpath:db/migration/common").load().migrate();
        List<Instant> runs = new CopyOnWriteArrayList<>();
        OneTimeTask<String> deadline = Tasks.oneTime("deadline", String.class).execute((instance, context) -> {
            runs.add(Instant.now());
            if (runs.size() == 1) {
                throw new IllegalStateException("the database went away");
            }
        });
        Scheduler scheduler = Scheduler.create(dataSource,
                        RetrySoonAfterFailure.retrying(deadline, Duration.ofMillis(500), Duration.ofSeconds(2)))
                .pollingInterval(Duration.ofMillis(100)).build();
        scheduler.start();
        try {
            scheduler.schedule(deadline.instance("retention:r-1", "payload"), Instant.now());

            // db-scheduler's own handler would try again after 5 minutes
            await().atMost(Duration.ofSeconds(60)).until(() -> runs.size() == 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> rows(dataSource) == 0);
            assertThat(Duration.between(runs.get(0), runs.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(runs).hasSize(2);
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void theWaitDoublesAfterEachFailureInARowUpToItsMost() {
        RetrySoonAfterFailure<String> retry = new RetrySoonAfterFailure<>(Duration.ofSeconds(2), Duration.ofMinutes(1));

        assertThat(List.of(0, 1, 2, 3, 4, 5, 40, Integer.MAX_VALUE).stream().map(retry::waitAfter).toList())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofMinutes(1), Duration.ofMinutes(1),
                        Duration.ofMinutes(1));
        assertThatThrownBy(() -> new RetrySoonAfterFailure<>(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySoonAfterFailure<>(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long rows(PGSimpleDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM scheduled_tasks")) {
            count.next();
            return count.getLong(1);
        }
    }
}
