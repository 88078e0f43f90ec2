package io.keyrenewal.notification.preview;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.keyrenewal.contracts.partner.NotificationKind;

/**
 * One planned message as notification-service would send it, in plan order.
 *
 * @param step    the plan's step it follows (a message of {@code ifLate}: the step that is late)
 * @param subject the rendered subject; null with {@code text} where it cannot be rendered from a plan
 * @param text    the rendered plain-text body; null where it cannot be rendered from a plan, then {@code reason} says
 *                why
 * @param reason  why the message cannot be rendered from a plan; left out where it is rendered
 */
public record PreviewedMessage(String step, String event, String recipient, NotificationKind kind, String subject,
                               String text, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    static PreviewedMessage rendered(String step, String event, String recipient, NotificationKind kind,
                                     String subject, String text) {
        return new PreviewedMessage(step, event, recipient, kind, subject, text, null);
    }

    static PreviewedMessage notRendered(String step, String event, String recipient, NotificationKind kind,
                                        String reason) {
        return new PreviewedMessage(step, event, recipient, kind, null, null, reason);
    }
}
