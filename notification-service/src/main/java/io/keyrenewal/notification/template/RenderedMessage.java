package io.keyrenewal.notification.template;

import io.keyrenewal.contracts.Require;

/** A message as a person reads it: subject, plain text and the same in HTML. */
public record RenderedMessage(String subject, String text, String html) {

    public RenderedMessage {
        Require.text(subject, "subject");
        Require.text(text, "text");
        Require.text(html, "html");
    }
}
