package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.renewal.RenewalEvent;

/**
 * A renewal event as it arrived.
 *
 * @param eventId the {@code ce_id} of its record: a redelivery carries the same id
 */
public record ReceivedEvent(String eventId, RenewalEvent event) {

    public ReceivedEvent {
        Require.text(eventId, "eventId");
        Require.present(event, "event");
    }
}
