package io.keyrenewal.renewal.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Persistent deadlines (the 90-day retention among them) on db-scheduler: the deadline is a row in
 * {@code scheduled_tasks} of the service's database, so it survives restarts. Axon's db-scheduler auto-configuration
 * supplies the deadline manager and its task once this {@link Scheduler} exists; the scheduler reads the service's
 * {@link Clock}, so a moved clock makes deadlines fall due.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    @Bean(destroyMethod = "stop")
    public Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, Clock clock,
                                       @Value("${keyrenewal.deadlines.polling-interval:PT5S}") Duration pollingInterval) {
        return new ClockedSchedulerBuilder(dataSource, tasks, clock)
                .pollingInterval(pollingInterval)
                .threads(2)
                .alwaysPersistTimestampInUTC()
                .build();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startDeadlineScheduler(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(Scheduler.class).start();
    }

    /** db-scheduler keeps its clock in a protected field; this builder sets it to the service's clock. */
    private static final class ClockedSchedulerBuilder extends SchedulerBuilder {
        ClockedSchedulerBuilder(DataSource dataSource, List<Task<?>> tasks, Clock clock) {
            super(dataSource, tasks);
            this.clock = clock::instant;
        }
    }
}
