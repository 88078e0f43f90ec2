package io.keyrenewal.notification.intake;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.MessageHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The {@code ce_id} of a consumed record, on which its messages are deduplicated; a record without one is malformed. */
final class EventIds {

    private EventIds() {
    }

    static String of(ConsumerRecord<String, String> record) {
        return CloudEventHeaders.read(record.headers(), MessageHeaders.ID).filter(id -> !id.isBlank())
                .orElseThrow(() -> new MalformedMessage("the record has no " + MessageHeaders.ID + " header", null));
    }
}
