package io.keyrenewal.renewal.relay;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every renewal event from the event store to {@code renewal.events.v1} (key: renewal id), in order per
 * renewal. It runs in a streaming event processor whose token is the outbox cursor: sends of one batch go out
 * without waiting on each other, and the batch commits its token only when Kafka acknowledged all of them, so an
 * event is published at least once and consumers deduplicate on {@code ce_id}.
 */
@Component
@ProcessingGroup(RenewalEventRelay.PROCESSING_GROUP)
public class RenewalEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    static final String SOURCE = "/keyrenewal/renewal-service";
    private static final String PENDING_SENDS = RenewalEventRelay.class.getName() + ".pendingSends";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, String> kafka;

    public RenewalEventRelay(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    @EventHandler
    public void on(RenewalEvent event, @MessageIdentifier String eventId, @SequenceNumber Long sequence) {
        pendingSendsOfThisBatch().add(kafka.send(recordOf(event, eventId, sequence)));
    }

    /** The record of one stored event, the same whenever it is sent: by the relay, or again by {@link Republish}. */
    static ProducerRecord<String, String> recordOf(RenewalEvent event, String eventId, long sequence) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RENEWAL_EVENTS,
                event.renewalId().value(), ContractJson.write(event));
        CloudEventHeaders.write(record.headers(), eventId, event.getClass(), SOURCE, event.at(),
                event.renewalId().value());
        CloudEventHeaders.add(record.headers(), MessageHeaders.REVISION, "1");
        CloudEventHeaders.add(record.headers(), MessageHeaders.SEQUENCE, String.valueOf(sequence));
        return record;
    }

    /** The sends of the batch being handled, awaited before it commits its token. */
    static List<CompletableFuture<SendResult<String, String>>> pendingSendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
            batch.onPrepareCommit(unit -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    /** Waits until Kafka acknowledged every send, or fails naming how many it did not. */
    static void awaitAcknowledgements(List<CompletableFuture<SendResult<String, String>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka acknowledged renewal events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge all of " + sends.size() + " renewal events", e);
        }
    }
}
