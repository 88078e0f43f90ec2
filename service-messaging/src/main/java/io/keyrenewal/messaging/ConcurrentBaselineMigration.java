package io.keyrenewal.messaging;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Several instances of a service starting at once on one database: where the schema must be baselined (it is not
 * empty, as other services' tables share it), one instance creates Flyway's history table and writes the baseline,
 * and another that finds the table created but still empty is refused by Flyway ("Unable to baseline schema history
 * table ... already exists, and is empty", flyway/flyway#2243) and the service would not start. That is a passing
 * state: the migration is tried again, after a short pause, until the other instance's baseline is committed (then
 * Flyway's lock orders the rest). Any other failure of the migration stops the start as before. Hand-written because
 * Flyway has no setting for it.
 */
@AutoConfiguration
@ConditionalOnClass({Flyway.class, FlywayMigrationStrategy.class})
public class ConcurrentBaselineMigration {

    static final int ATTEMPTS = 40;
    static final Duration PAUSE = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(ConcurrentBaselineMigration.class);

    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy migrationWaitingForAConcurrentBaseline() {
        return flyway -> migrate(flyway, ConcurrentBaselineMigration::pause);
    }

    /** Migrates, and while another instance's baseline is under way runs {@code beforeRetry} and tries again. */
    static void migrate(Flyway flyway, Runnable beforeRetry) {
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (FlywayException refused) {
                if (!baselineUnderWay(refused) || attempt == ATTEMPTS) {
                    throw refused;
                }
                log.info("Another instance is baselining the database schema (attempt {} of {}): migrating again in"
                        + " {} ms", attempt, ATTEMPTS, PAUSE.toMillis());
                beforeRetry.run();
            }
        }
    }

    private static boolean baselineUnderWay(FlywayException refused) {
        String message = refused.getMessage();
        return message != null && message.contains("Unable to baseline schema history table")
                && message.contains("already exists, and is empty");
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another instance's baseline", interrupted);
        }
    }
}
