package io.keyrenewal.renewal.relay;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.watch.AliasWatchEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every event of the expiry watch from the event store to {@code alias.watch.v1} (key: the alias), in order
 * per alias, at least once, as {@link RenewalEventRelay} publishes renewal events (a batch commits its token only when
 * Kafka acknowledged all its sends). notification-service tells the tenant from these.
 */
@Component
@ProcessingGroup(AliasWatchRelay.PROCESSING_GROUP)
public class AliasWatchRelay {

    public static final String PROCESSING_GROUP = "alias-watch-relay";

    private final KafkaTemplate<String, String> kafka;

    public AliasWatchRelay(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    @EventHandler
    public void on(AliasWatchEvent event, @MessageIdentifier String eventId, @SequenceNumber Long sequence) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ALIAS_WATCH, event.alias(),
                ContractJson.write(event));
        CloudEventHeaders.write(record.headers(), eventId, event.getClass(), RenewalEventRelay.SOURCE, event.at(),
                event.alias());
        CloudEventHeaders.add(record.headers(), MessageHeaders.SEQUENCE, String.valueOf(sequence));
        RenewalEventRelay.pendingSendsOfThisBatch().add(kafka.send(record));
    }
}
