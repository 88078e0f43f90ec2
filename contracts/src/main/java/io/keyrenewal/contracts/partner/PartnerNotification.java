package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.renewal.PartnerRole;

import java.time.Instant;
import java.util.List;

/**
 * A message to a partner administrator or the tenant administrator, published on {@code partner.notifications.v1}
 * with the partner id as key, or the alias where it names no partner ({@code ce_subject}: the renewal id, else the
 * alias). {@code notificationId} is derived from the event and the recipient, so a redelivered event yields the same
 * id.
 *
 * <p>Most messages are about a renewal. The expiry watch's messages to the tenant administrator are about an alias of
 * the tenant keystore: they name {@code alias}, and a renewal or a partner only where there is one (a renewal the
 * watch started; the partner the alias's policy names). A message to a partner always names the partner and its
 * renewal.
 *
 * @param partnerId            the partner; null only in a message to the tenant administrator about an alias with no
 *                             partner known
 * @param renewalId            the renewal; null only in a message about an alias that no renewal is about
 * @param expectedConfirmation what the recipient must publish when done; null if nothing is asked
 * @param alias                the alias of the tenant keystore the message is about; null in messages about a
 *                             renewal composed before it existed
 */
public record PartnerNotification(String notificationId, PartnerId partnerId, RenewalId renewalId,
                                  PartnerRole recipient, NotificationKind kind, String subject, String body,
                                  List<Attachment> attachments, ExpectedConfirmation expectedConfirmation,
                                  String causationId, Instant at, String alias) {

    public PartnerNotification {
        Require.text(notificationId, "notificationId");
        Require.present(recipient, "recipient");
        if (renewalId == null && (alias == null || alias.isBlank())) {
            throw new IllegalArgumentException("renewalId or alias is required");
        }
        if (partnerId == null && (recipient != PartnerRole.TENANT_ADMINISTRATOR || renewalId != null)) {
            throw new IllegalArgumentException("partnerId is required in a message to a partner or about a renewal");
        }
        Require.present(kind, "kind");
        Require.text(subject, "subject");
        Require.text(body, "body");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Require.text(causationId, "causationId");
        Require.present(at, "at");
    }
}
