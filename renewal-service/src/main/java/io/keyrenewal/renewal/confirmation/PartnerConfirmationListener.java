package io.keyrenewal.renewal.confirmation;

import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.renewal.logging.RenewalLogContext;
import io.keyrenewal.renewal.messaging.IncomingRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
        // the renewal the record is keyed by; the partner it names is proven only by its signature, so not logged as such
        try (MDC.MDCCloseable renewal = MDC.putCloseable(RenewalLogContext.RENEWAL_ID, record.key())) {
            byte[] body = record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8);
            gate.accept(body, arrival(record, System.currentTimeMillis()));
        }
    }

    /**
     * How the record arrived: it waited on the topic since the broker appended it (the topic keeps the broker's
     * time, {@code LogAppendTime}). Measured on the wall clock, like the record's time, so a service clock moved
     * forward (demo, tests) does not count as waiting.
     */
    static ConfirmationGate.Arrival arrival(ConsumerRecord<String, String> record, long nowMillis) {
        String delivery = "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset();
        Duration waited = record.timestamp() < 0 ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, nowMillis - record.timestamp()));
        return new ConfirmationGate.Arrival(delivery, record.key(),
                IncomingRecords.header(record, ConfirmationSignatures.RECORD_HEADER), null, waited);
    }
}
