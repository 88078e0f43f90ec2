package io.keyrenewal.systemtests;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The partner {@code acme}'s system: confirms its steps on the confirmations topic. */
final class PartnerSystem implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    PartnerSystem(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Publishes the confirmation of {@code type} under a new confirmation id and waits for the broker's ack. */
    void confirm(String renewalId, ConfirmationType type) throws Exception {
        String confirmationId = type + "-" + UUID.randomUUID();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PARTNER_CONFIRMATIONS, renewalId,
                ContractJson.write(new PartnerConfirmation(confirmationId, new RenewalId(renewalId),
                        new PartnerId("acme"), type, Instant.now())));
        record.headers().add(new RecordHeader(MessageHeaders.ID, confirmationId.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
