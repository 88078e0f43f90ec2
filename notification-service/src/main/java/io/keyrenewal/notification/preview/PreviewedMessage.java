package io.keyrenewal.notification.preview;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.keyrenewal.contracts.partner.NotificationKind;

import java.util.List;

/**
 * One planned message as notification-service would send it, in plan order.
 *
 * @param step         the plan's step it follows (a message of {@code ifLate}: the step that is late)
 * @param subject      the rendered subject; null with {@code text} where it cannot be rendered from a plan
 * @param text         the rendered plain-text body, with a marked placeholder wherever the real message shows what
 *                     only the real renewal will know; null where it cannot be rendered from a plan, then
 *                     {@code reason} says why
 * @param placeholders the placeholders in subject, text and attachment names, each once; empty where there are none
 * @param attachments  what the real message attaches, by name, its content not rendered
 * @param reason       why the message cannot be rendered from a plan; left out where it is rendered
 */
public record PreviewedMessage(String step, String event, String recipient, NotificationKind kind, String subject,
                               String text, List<Placeholder> placeholders, List<PreviewedAttachment> attachments,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public PreviewedMessage {
        placeholders = placeholders == null ? List.of() : List.copyOf(placeholders);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * A marked placeholder of a rendered message.
     *
     * @param name    the placeholder exactly as it stands in the message, e.g.
     *                {@code <SHA-256 of the new certificate: known once the keystore made it>}
     * @param meaning what the real message shows there
     */
    public record Placeholder(String name, String meaning) {
    }

    /**
     * An attachment of the real message, e.g. the new certificate as PEM.
     *
     * @param name        its file name, with placeholders where the real one shows what the plan cannot know
     * @param placeholder whether its content is what only the real renewal will know (the preview never renders an
     *                    attachment's content)
     */
    public record PreviewedAttachment(String name, boolean placeholder) {
    }

    static PreviewedMessage rendered(String step, String event, String recipient, NotificationKind kind,
                                     String subject, String text, List<Placeholder> placeholders,
                                     List<PreviewedAttachment> attachments) {
        return new PreviewedMessage(step, event, recipient, kind, subject, text, placeholders, attachments, null);
    }

    static PreviewedMessage notRendered(String step, String event, String recipient, NotificationKind kind,
                                        String reason) {
        return new PreviewedMessage(step, event, recipient, kind, null, null, List.of(), List.of(), reason);
    }
}
