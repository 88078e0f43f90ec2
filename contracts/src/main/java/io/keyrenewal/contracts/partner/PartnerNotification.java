package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.renewal.PartnerRole;

import java.time.Instant;
import java.util.List;

/**
 * A message to a partner administrator, published on {@code partner.notifications.v1} with the partner id as key.
 * {@code notificationId} is derived from the event and the recipient, so a redelivered event yields the same id.
 *
 * @param expectedConfirmation what the recipient must publish when done; null if nothing is asked
 */
public record PartnerNotification(String notificationId, PartnerId partnerId, RenewalId renewalId,
                                  PartnerRole recipient, NotificationKind kind, String subject, String body,
                                  List<Attachment> attachments, ExpectedConfirmation expectedConfirmation,
                                  String causationId, Instant at) {

    public PartnerNotification {
        Require.text(notificationId, "notificationId");
        Require.present(partnerId, "partnerId");
        Require.present(renewalId, "renewalId");
        Require.present(recipient, "recipient");
        Require.present(kind, "kind");
        Require.text(subject, "subject");
        Require.text(body, "body");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Require.text(causationId, "causationId");
        Require.present(at, "at");
    }
}
