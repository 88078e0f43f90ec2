package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.Require;

/** A text attachment of a notification, e.g. the new certificate as {@code application/x-pem-file}. */
public record Attachment(String fileName, String mediaType, String content) {

    public Attachment {
        Require.text(fileName, "attachment.fileName");
        Require.text(mediaType, "attachment.mediaType");
        Require.text(content, "attachment.content");
    }
}
