package io.keyrenewal.notification;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.watch.AliasWatchEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Publishes what renewal-service would: renewal events, the expiry watch's events and partner directory entries, with
 * the ce_* headers.
 */
final class RecordPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    RecordPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    void event(String eventId, RenewalEvent event) {
        send(new ProducerRecord<>(Topics.RENEWAL_EVENTS, event.renewalId().value(), ContractJson.write(event)),
                eventId, event.getClass().getSimpleName(), event.renewalId().value(), event.at());
    }

    /** A record on {@code renewal.events.v1} as it stands, e.g. one the service cannot read; no ce_id if id is null. */
    void rawEvent(String key, String value, String id) {
        send(new ProducerRecord<>(Topics.RENEWAL_EVENTS, key, value), id, "RenewalEvent", key, Instant.now());
    }

    /** An event of the expiry watch, keyed and headed as renewal-service publishes it. */
    void watchEvent(String eventId, AliasWatchEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ALIAS_WATCH, event.alias(),
                ContractJson.write(event));
        CloudEventHeaders.write(record.headers(), eventId, event.getClass(), "/keyrenewal/renewal-service",
                event.at(), event.alias());
        send(record);
    }

    /** A record on {@code alias.watch.v1} as it stands, e.g. one the service cannot read. */
    void rawWatchRecord(String alias, String value, String id) {
        send(new ProducerRecord<>(Topics.ALIAS_WATCH, alias, value), id, "AliasWatchEvent", alias, Instant.now());
    }

    void directoryEntry(PartnerDirectoryEntry entry) {
        send(new ProducerRecord<>(Topics.PARTNER_DIRECTORY, entry.partnerId().value(), ContractJson.write(entry)),
                "partner-" + entry.partnerId() + "-" + entry.updatedAt(), "PartnerDirectoryEntry",
                entry.partnerId().value(), entry.updatedAt());
    }

    void directoryRecord(String key, String value, String id) {
        send(new ProducerRecord<>(Topics.PARTNER_DIRECTORY, key, value), id, "PartnerDirectoryEntry", key,
                Instant.now());
    }

    void directoryTombstone(String partnerId) {
        send(new ProducerRecord<>(Topics.PARTNER_DIRECTORY, partnerId, null), "partner-" + partnerId + "-removed",
                "PartnerDirectoryEntry", partnerId, Instant.now());
    }

    private void send(ProducerRecord<String, String> record, String id, String type, String subject, Instant at) {
        if (id != null) {
            record.headers().add(MessageHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add(MessageHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.SOURCE, "/keyrenewal/renewal-service".getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.SUBJECT, subject.getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.TIME, at.toString().getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test could not publish " + record, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
