package io.keyrenewal.renewal.persistence;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What lets several instances of the service share one database.
 * <p>
 * The event processors' tokens are claimed in the database under the instance's id
 * ({@code keyrenewal.instance-id}, by default Axon's {@code pid@host}), so a processor such as the Kafka relay runs in
 * one instance at a time. Two instances in one JVM (tests) need ids of their own.
 * <p>
 * Several instances take commands for the same renewal: each loads the renewal, decides and appends its events; the
 * database refuses the second append at the same sequence number (a unique key of the event store, or of the event
 * chain written in the same transaction). Such a command is run again on the renewal's new state, which then takes
 * the step or refuses it with its reason, as if the two had come one after the other to one instance. Any other
 * failure (a refusal, a database that is away) is answered as it is, not retried here.
 */
@Configuration(proxyBeanMethods = false)
class SeveralInstancesConfiguration {

    /** SQLSTATE of a unique key violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                          @Value("${keyrenewal.instance-id:}") String instanceId) {
        JpaTokenStore.Builder tokenStore = JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
                .serializer(serializer)
                .claimTimeout(claimTimeout);
        if (!instanceId.isBlank()) {
            tokenStore.nodeId(instanceId);
        }
        return tokenStore.build();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  @Value("${keyrenewal.commands.concurrent-retries:5}") int retries) {
        if (retries <= 0) {
            return DefaultCommandGateway.builder().commandBus(commandBus).build();
        }
        RetryScheduler retryOnConcurrentChange = IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .retryInterval(20)
                .maxRetryCount(retries)
                // Axon asks this of the failure and of each of its causes: retry only if every one of them is
                // explained by a concurrent change below it
                .nonTransientFailurePredicate(failure -> !concurrentChange(failure))
                .build();
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retryOnConcurrentChange).build();
    }

    /** Whether {@code failure} or a cause of it says that another instance appended to the same renewal first. */
    static boolean concurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof DuplicateKeyException
                    || cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
