package io.keyrenewal.renewal.relay;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How many stored renewal events per second the relay publishes to Kafka. Not a timed test: it prints the figure.
 * Run: {@code ./mvnw -pl renewal-service -am -Pbenchmark test -Dtest=RelayThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:relay-benchmark;DB_CLOSE_DELAY=-1"})
@KafkaTestBroker(partitions = 3, topics = Topics.RENEWAL_EVENTS)
class RelayThroughputBenchmark {

    static final int EVENTS = 10_000;
    static final int PER_TRANSACTION = 500;

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void relays10000StoredEventsToKafka() {
        StreamingEventProcessor relay = processing.eventProcessor(RenewalEventRelay.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        relay.shutDown();
        storeEvents();
        long head = eventStore.createHeadToken().position().orElseThrow();

        Instant start = Instant.now();
        relay.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> position(relay) >= head);
        Duration elapsed = Duration.between(start, Instant.now());

        double perSecond = EVENTS * 1000.0 / elapsed.toMillis();
        System.out.printf("%nRELAY BENCHMARK: %d events relayed to %s in %d ms = %.0f events/s%n%n", EVENTS,
                Topics.RENEWAL_EVENTS, elapsed.toMillis(), perSecond);
        assertThat(position(relay)).isGreaterThanOrEqualTo(head);
    }

    private void storeEvents() {
        Instant now = Instant.now();
        for (int stored = 0; stored < EVENTS; stored += PER_TRANSACTION) {
            List<GenericDomainEventMessage<RenewalStarted>> batch = new ArrayList<>();
            for (int i = 0; i < PER_TRANSACTION; i++) {
                RenewalId id = RenewalId.random();
                batch.add(new GenericDomainEventMessage<>("Renewal", id.value(), 0, new RenewalStarted(id,
                        "alias-" + (stored + i), new PartnerId("acme"), Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                        Duration.ofDays(30), KeyAlgorithm.EC_P256, now)));
            }
            transactions.executeInTransaction(() -> eventStore.publish(batch));
        }
    }

    private static long position(StreamingEventProcessor relay) {
        return relay.processingStatus().values().stream()
                .map(status -> status.getCurrentPosition())
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max().orElse(-1);
    }
}
