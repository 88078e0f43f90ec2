package io.keyrenewal.renewal.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.Task;
import io.keyrenewal.security.time.ClockMoved;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Persistent deadlines (the 90-day retention among them) on db-scheduler: the deadline is a row in
 * {@code scheduled_tasks} of the service's database, so it survives restarts. The scheduler reads the service's
 * {@link Clock}, so a moved clock makes deadlines fall due; they run at once, not at the next poll.
 * <p>
 * The scheduler writes through a transaction-aware data source: a deadline scheduled or cancelled by a command is
 * written in the transaction that stores the command's events, so both are committed or neither, and no extra commit
 * is paid. The deadline manager keeps one deadline per name and renewal ({@link OneDeadlinePerScopeManager}), so
 * cancelling one costs the same however many are scheduled.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    @Bean(destroyMethod = "stop")
    public Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, Clock clock,
                                       @Value("${keyrenewal.deadlines.polling-interval:PT5S}") Duration pollingInterval,
                                       @Value("${keyrenewal.deadlines.threads:4}") int threads,
                                       @Value("${keyrenewal.deadlines.heartbeat-interval:PT30S}")
                                       Duration heartbeatInterval) {
        // a deadline an instance picked and then died with (kill -9) is taken up by another after 6 missed
        // heartbeats: 3 minutes, not db-scheduler's default of 30
        return new ClockedSchedulerBuilder(new TransactionAwareDataSourceProxy(dataSource), tasks, clock)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(heartbeatInterval)
                .threads(threads)
                .commitWhenAutocommitDisabled(false)
                .alwaysPersistTimestampInUTC()
                .build();
    }

    @Bean
    public DeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration axon,
                                           @Qualifier("eventSerializer") Serializer serializer,
                                           TransactionManager transactionManager) {
        return new OneDeadlinePerScopeManager(scheduler, new ConfigurationScopeAwareProvider(axon), serializer,
                transactionManager);
    }

    /**
     * Axon's task that runs a deadline, tried again 2 s after a failure, then 4, 8, ... up to a minute apart
     * (db-scheduler's default is 5 minutes): a deadline that fell due while the database went away runs soon after it
     * is back. Replaces the one Axon's auto-configuration would register under the same qualifier.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    public Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(
            ApplicationContext context,
            @Value("${keyrenewal.deadlines.retry-after-failure:PT2S}") Duration firstRetry,
            @Value("${keyrenewal.deadlines.retry-after-failure-max:PT1M}") Duration maxRetry) {
        return RetrySoonAfterFailure.retrying(
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class)),
                firstRetry, maxRetry);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startDeadlineScheduler(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(Scheduler.class).start();
    }

    /** The clock was moved (demo, system tests): the deadlines that fell due run at once. */
    @Bean
    public ApplicationListener<PayloadApplicationEvent<ClockMoved>> dueDeadlinesWhenTheClockMoved(
            Scheduler scheduler) {
        return ApplicationListener.forPayload(moved -> scheduler.triggerCheckForDueExecutions());
    }

    /** db-scheduler keeps its clock in a protected field; this builder sets it to the service's clock. */
    private static final class ClockedSchedulerBuilder extends SchedulerBuilder {
        ClockedSchedulerBuilder(DataSource dataSource, List<Task<?>> tasks, Clock clock) {
            super(dataSource, tasks);
            this.clock = clock::instant;
        }
    }
}
