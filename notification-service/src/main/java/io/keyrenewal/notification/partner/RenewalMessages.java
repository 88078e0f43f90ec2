package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ExpectedConfirmation;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.template.MessageTemplates;
import io.keyrenewal.notification.template.RenderedMessage;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages a renewal event yields, composed ({@link StepMessages}) and rendered with their templates: what
 * {@link PartnerNotificationPolicy} queues, and what the preview of a dry run's plan answers, from one code path.
 * Composing stores, sends and queues nothing.
 */
@Component
public class RenewalMessages {

    private final StepMessages stepMessages;
    private final MessageTemplates templates;

    public RenewalMessages(StepMessages stepMessages, MessageTemplates templates) {
        this.stepMessages = stepMessages;
        this.templates = templates;
    }

    /** One message to one recipient, as composed and as rendered. */
    public record Composed(PartnerMessage message, RenderedMessage rendered) {
    }

    /** Whether {@code event} yields a message at all (so that an unknown renewal matters only then). */
    public boolean tellsSomeone(RenewalEvent event) {
        return stepMessages.tellsSomeone(event);
    }

    /** The messages {@code event} of {@code renewal} yields, one per recipient; none where it tells no one. */
    public List<Composed> of(KnownRenewal renewal, RenewalEvent event) {
        return stepMessages.of(renewal, event).stream()
                .map(message -> new Composed(message, templates.render(message.template(), valuesOf(renewal, message))))
                .toList();
    }

    /** The message's own values and those every template may use: who, which renewal, how to confirm. */
    static Map<String, String> valuesOf(KnownRenewal renewal, PartnerMessage message) {
        Map<String, String> values = new HashMap<>(message.values());
        values.put("salutation", Salutation.of(message.recipient(), renewal.partnerId()));
        values.put("alias", renewal.alias());
        values.put("renewalId", renewal.renewalId().value());
        values.put("partnerId", renewal.partnerId().value());
        values.put("playbook", renewal.playbook().name());
        ExpectedConfirmation confirmation = message.expectedConfirmation();
        if (confirmation != null) {
            values.put("confirmation", confirmation.type().name());
            values.put("confirmationType", confirmation.type().name());
            values.put("confirmationTopic", confirmation.topic());
            values.put("confirmationKey", renewal.renewalId().value());
            values.put("confirmationJson", confirmation.example());
        }
        return values;
    }
}
