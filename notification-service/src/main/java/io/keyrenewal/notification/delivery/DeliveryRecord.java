package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerRole;

import java.time.Instant;

/**
 * One row of the delivery log: a message over one channel and what became of it. The address (e-mail, webhook URL)
 * is not shown.
 *
 * @param renewalId     the renewal; null for a message about an alias that no renewal is about
 * @param partnerId     the partner; null for a message about an alias with no partner known
 * @param alias         the alias the message is about; null in rows from before it was kept
 * @param lastError     why the last failed attempt failed; null if none failed
 * @param nextAttemptAt when it is tried (again) while QUEUED or FAILED; while SENDING, when the claim's lease ends
 * @param sentAt        when the channel acknowledged it; null until then
 */
public record DeliveryRecord(String notificationId, String renewalId, String partnerId, String alias,
                             PartnerRole recipient, NotificationKind kind, String channel, DeliveryStatus status,
                             int attempts, String lastError, Instant createdAt, Instant nextAttemptAt,
                             Instant sentAt) {
}
