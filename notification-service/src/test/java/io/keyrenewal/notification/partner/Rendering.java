package io.keyrenewal.notification.partner;

import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.template.MessageTemplates;
import io.keyrenewal.notification.template.RenderedMessage;
import io.keyrenewal.notification.template.TemplateProperties;

/** Renders a message with the templates shipped in the jar, as {@link RenewalMessages} does. */
final class Rendering {

    private static final MessageTemplates SHIPPED = new MessageTemplates(new TemplateProperties(null));

    private Rendering() {
    }

    static RenderedMessage render(KnownRenewal renewal, PartnerMessage message) {
        return SHIPPED.render(message.template(), RenewalMessages.valuesOf(renewal, message));
    }
}
