package io.keyrenewal.renewal.confirmation;

import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.renewal.messaging.IncomingRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Partner confirmations from the topic, through the {@link ConfirmationGate}. A rejected record goes to the
 * dead-letter topic with the reason (see the messaging configuration) and the consumer carries on.
 */
@Component
public class PartnerConfirmationListener {

    private final ConfirmationGate gate;

    public PartnerConfirmationListener(ConfirmationGate gate) {
        this.gate = gate;
    }

    @KafkaListener(topics = Topics.PARTNER_CONFIRMATIONS, groupId = "renewal-service")
    public void on(ConsumerRecord<String, String> record) {
        byte[] body = record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8);
        String delivery = "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset();
        gate.accept(body, new ConfirmationGate.Arrival(delivery, record.key(),
                IncomingRecords.header(record, ConfirmationSignatures.RECORD_HEADER), null));
    }
}
