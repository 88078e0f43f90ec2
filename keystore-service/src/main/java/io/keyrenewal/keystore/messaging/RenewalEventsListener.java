package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.messaging.EventLogContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

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
        Header id = record.headers().lastHeader(MessageHeaders.ID);
        if (id == null || id.value() == null || id.value().length == 0) {
            throw new MalformedMessage("record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has no " + MessageHeaders.ID + " header", null);
        }
        CausingMessage cause = new CausingMessage(new String(id.value(), StandardCharsets.UTF_8));
        RenewalEvent event = ContractJson.read(record.value(), RenewalEvent.class);
        try (EventLogContext context = EventLogContext.of(event)) {
            log.info("Renewal {}: received {} {}", event.renewalId(), event.getClass().getSimpleName(), cause.id());
            handler.handle(cause, event);
        }
    }
}
