package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;
import io.keyrenewal.contracts.partner.NotificationKind;

import java.util.List;

/**
 * The content of a message to a partner administrator, before it is addressed and delivered.
 *
 * @param expectedConfirmation what the recipient is asked to publish when done; null if nothing is asked
 */
public record PartnerMessage(NotificationKind kind, String subject, String body, List<Attachment> attachments,
                             ExpectedConfirmation expectedConfirmation) {

    public PartnerMessage {
        Require.present(kind, "kind");
        Require.text(subject, "subject");
        Require.text(body, "body");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
