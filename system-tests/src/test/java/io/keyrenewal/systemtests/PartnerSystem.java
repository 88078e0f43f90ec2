package io.keyrenewal.systemtests;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.localstack.DemoPartnerKey;
import io.keyrenewal.localstack.LocalStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The partner {@code acme}'s system: confirms its steps on the confirmations topic, signed with the demo partner's
 * key, at renewal-service's time (its clock is moved in these tests).
 */
final class PartnerSystem implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final DemoPartnerKey key;
    private final ServiceApi renewals;

    /** @param renewals renewal-service, whose time the confirmations carry */
    PartnerSystem(LocalStack stack, ServiceApi renewals) {
        this.key = stack.demoPartnerKey();
        this.renewals = renewals;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Publishes the confirmation of {@code type} under a new confirmation id and waits for the broker's ack. */
    void confirm(String renewalId, ConfirmationType type) throws Exception {
        publish(new PartnerConfirmation(type + "-" + UUID.randomUUID(), new RenewalId(renewalId),
                new PartnerId("acme"), type, renewals.now()));
    }

    /** Publishes the certificate of the partner's new key pair (PEM) in a NEW_CERTIFICATE confirmation. */
    void sendNewCertificate(String renewalId, String certificatePem) throws Exception {
        publish(PartnerConfirmation.newCertificate("certificate-" + UUID.randomUUID(), new RenewalId(renewalId),
                new PartnerId("acme"), renewals.now(), certificatePem));
    }

    private void publish(PartnerConfirmation confirmation) throws Exception {
        String confirmationId = confirmation.confirmationId();
        String renewalId = confirmation.renewalId().value();
        String body = ContractJson.write(confirmation);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PARTNER_CONFIRMATIONS, renewalId, body);
        record.headers().add(new RecordHeader(MessageHeaders.ID, confirmationId.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(ConfirmationSignatures.RECORD_HEADER,
                key.sign(body).getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
