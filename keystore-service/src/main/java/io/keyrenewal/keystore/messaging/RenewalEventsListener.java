package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.messaging.EventLogContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads {@code renewal.events.v1}; a record without {@code ce_id} or with a body that is no renewal event is malformed. */
@Component
class RenewalEventsListener {

    private static final Logger log = LoggerFactory.getLogger(RenewalEventsListener.class);

    private final RenewalEventHandler handler;

    RenewalEventsListener(RenewalEventHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "keystore-renewal-events", idIsGroup = false, topics = Topics.RENEWAL_EVENTS)
    void onRenewalEvent(ConsumerRecord<String, String> record) {
        String id = CloudEventHeaders.read(record.headers(), MessageHeaders.ID).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new MalformedMessage("record at " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " has no " + MessageHeaders.ID + " header", null));
        CausingMessage cause = new CausingMessage(id);
        RenewalEvent event = ContractJson.read(record.value(), RenewalEvent.class);
        try (EventLogContext context = EventLogContext.of(event)) {
            log.info("Renewal {}: received {} {}", event.renewalId(), event.getClass().getSimpleName(), cause.id());
            handler.handle(cause, event);
        }
    }
}
