package io.keyrenewal.notification.watch;

import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.watch.AliasWatchEvent;
import io.keyrenewal.notification.delivery.NotificationOutbox;
import io.keyrenewal.notification.partner.Salutation;
import io.keyrenewal.notification.template.MessageTemplates;
import io.keyrenewal.notification.template.RenderedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the expiry watch reports something the tenant must know of an alias ({@code alias.watch.v1}), then the tenant
 * administrator is told, as escalations are: one message per event, identified by
 * {@code <event id>:TENANT_ADMINISTRATOR}, so that a redelivered event yields no second message.
 */
@Component
public class WhenTheWatchReportsThenTellTheTenant {

    private static final Logger log = LoggerFactory.getLogger(WhenTheWatchReportsThenTellTheTenant.class);
    private static final PartnerRole RECIPIENT = PartnerRole.TENANT_ADMINISTRATOR;

    private final ExpiryWatchMessages messages;
    private final MessageTemplates templates;
    private final NotificationOutbox outbox;

    WhenTheWatchReportsThenTellTheTenant(ExpiryWatchMessages messages, MessageTemplates templates,
                                         NotificationOutbox outbox) {
        this.messages = messages;
        this.templates = templates;
        this.outbox = outbox;
    }

    /** @param eventId the {@code ce_id} of the event's record: a redelivery carries the same id */
    public void on(String eventId, AliasWatchEvent event) {
        Require.text(eventId, "eventId");
        Optional<AliasMessage> composed = messages.of(event);
        if (composed.isEmpty()) {
            log.debug("{} {} of alias {} tells no one", event.getClass().getSimpleName(), eventId, event.alias());
            return;
        }
        AliasMessage message = composed.get();
        RenderedMessage rendered = templates.render(message.template(), valuesOf(message));
        outbox.queue(new PartnerNotification(eventId + ":" + RECIPIENT, message.partnerId(), message.renewalId(),
                RECIPIENT, message.kind(), rendered.subject(), rendered.text(), List.of(), null, eventId, event.at(),
                message.alias()), rendered.html());
    }

    /** The message's own values and those every template may use: who, which alias, which renewal and partner. */
    private static Map<String, String> valuesOf(AliasMessage message) {
        Map<String, String> values = new HashMap<>(message.values());
        values.put("salutation", Salutation.of(RECIPIENT, message.partnerId()));
        values.put("alias", message.alias());
        if (message.renewalId() != null) {
            values.put("renewalId", message.renewalId().value());
        }
        if (message.partnerId() != null) {
            values.put("partnerId", message.partnerId().value());
        }
        return values;
    }
}
