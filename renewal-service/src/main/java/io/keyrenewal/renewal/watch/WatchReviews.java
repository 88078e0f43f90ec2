package io.keyrenewal.renewal.watch;

import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.renewal.metrics.RenewalMetrics;
import io.keyrenewal.renewal.watch.WatchCommands.ReviewWatch;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * After a policy changed, the watches it applies to look again (its time may have come or moved): the alias's own
 * watch for an alias's policy, the watches of the purpose's aliases (by the inventory's purpose index) for a
 * purpose's default. In the background, after the change is committed, one command per watch. A review lost to a
 * crash is made up at the watch's next deadline (its next tier at the latest).
 */
@Component
public class WatchReviews {

    private static final Logger log = LoggerFactory.getLogger(WatchReviews.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "watch-reviews");
        thread.setDaemon(true);
        return thread;
    });

    public WatchReviews(CommandGateway commands, JdbcTemplate jdbc, Clock clock) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The policy of {@code scope} changed: its watches look again once the change is committed. */
    public void policyChanged(PolicyScope scope) {
        RenewalMetrics.afterCommit(() -> worker.execute(() -> review(scope)));
    }

    private void review(PolicyScope scope) {
        List<String> aliases = scope.alias().map(List::of).orElseGet(() -> jdbc.queryForList(
                "select alias from alias_inventory where purpose = ? and sha256 is not null", String.class,
                scope.value().substring(PolicyScope.PURPOSE_PREFIX.length())));
        for (String alias : aliases) {
            try {
                commands.sendAndWait(ReviewWatch.of(alias, clock.instant()));
            } catch (RuntimeException failed) {
                // no watch yet (the keystore has not published the alias), or a passing fault: the next deadline
                log.debug("watch of alias {} not reviewed after a change of policy {}: {}", alias, scope,
                        failed.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
