package io.keyrenewal.notification.intake;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.watch.AliasWatchEvent;
import io.keyrenewal.messaging.EventLogContext;
import io.keyrenewal.notification.watch.WhenTheWatchReportsThenTellTheTenant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code alias.watch.v1}, the expiry watch's events (key: alias); a record it cannot read goes to the
 * dead-letter topic (see {@link IntakeRefusals}).
 */
@Component
class AliasWatchListener {

    private static final Logger log = LoggerFactory.getLogger(AliasWatchListener.class);

    private final WhenTheWatchReportsThenTellTheTenant tellTheTenant;

    AliasWatchListener(WhenTheWatchReportsThenTellTheTenant tellTheTenant) {
        this.tellTheTenant = tellTheTenant;
    }

    @KafkaListener(id = "alias-watch", idIsGroup = false, topics = Topics.ALIAS_WATCH)
    void on(ConsumerRecord<String, String> record) {
        String eventId = EventIds.of(record);
        AliasWatchEvent event = ContractJson.read(record.value(), AliasWatchEvent.class);
        try (EventLogContext context = EventLogContext.of(EventLogContext.component(event, EventLogContext.RENEWAL_ID),
                EventLogContext.component(event, EventLogContext.PARTNER_ID))) {
            log.info("received {} {} of alias {} ({}-{}@{})", event.getClass().getSimpleName(), eventId,
                    event.alias(), record.topic(), record.partition(), record.offset());
            tellTheTenant.on(eventId, event);
        }
    }
}
