package io.keyrenewal.renewal.partner;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerChanged;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerRegistered;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every change of the directory to the compacted topic {@code partner.directory.v1} (key: partner id, the
 * latest record wins), from the event store, at least once. The entry holds no secret.
 */
@Component
@ProcessingGroup(PartnerDirectoryPublisher.PROCESSING_GROUP)
public class PartnerDirectoryPublisher {

    public static final String PROCESSING_GROUP = "partner-directory-relay";

    private final KafkaTemplate<String, String> kafka;

    public PartnerDirectoryPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    @EventHandler
    void on(PartnerRegistered event, @MessageIdentifier String eventId) throws Exception {
        publish(event.entry(), eventId);
    }

    @EventHandler
    void on(PartnerChanged event, @MessageIdentifier String eventId) throws Exception {
        publish(event.entry(), eventId);
    }

    private void publish(PartnerDirectoryEntry entry, String eventId)
            throws ExecutionException, InterruptedException, TimeoutException {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PARTNER_DIRECTORY,
                entry.partnerId().value(), ContractJson.write(entry));
        CloudEventHeaders.write(record.headers(), eventId, PartnerDirectoryEntry.class, "/keyrenewal/renewal-service",
                entry.updatedAt(), entry.partnerId().value());
        // a directory change is rare: wait for the acknowledgement before the processor moves on
        kafka.send(record).get(30, TimeUnit.SECONDS);
    }
}
