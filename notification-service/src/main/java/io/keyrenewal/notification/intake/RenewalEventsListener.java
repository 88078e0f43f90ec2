package io.keyrenewal.notification.intake;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.messaging.EventLogContext;
import io.keyrenewal.notification.partner.PartnerNotificationPolicy;
import io.keyrenewal.notification.partner.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads {@code renewal.events.v1}; a record it cannot read goes to the dead-letter topic (see {@link IntakeRefusals}). */
@Component
class RenewalEventsListener {

    private static final Logger log = LoggerFactory.getLogger(RenewalEventsListener.class);

    private final PartnerNotificationPolicy policy;

    RenewalEventsListener(PartnerNotificationPolicy policy) {
        this.policy = policy;
    }

    @KafkaListener(id = "renewal-events", idIsGroup = false, topics = Topics.RENEWAL_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        try (EventLogContext unread = EventLogContext.of(String.valueOf(record.key()), null)) {
            String eventId = EventIds.of(record);
            RenewalEvent event = ContractJson.read(record.value(), RenewalEvent.class);
            try (EventLogContext context = EventLogContext.of(event)) {
                log.info("received {} {} of renewal {} ({}-{}@{})", event.getClass().getSimpleName(), eventId,
                        event.renewalId(), record.topic(), record.partition(), record.offset());
                policy.on(new ReceivedEvent(eventId, event));
            }
        }
    }
}
