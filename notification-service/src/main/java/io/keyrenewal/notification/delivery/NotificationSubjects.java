package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.messaging.EventLogContext;

/**
 * What a message is about, as its record and the log name it: a renewal and its partner, or, for the expiry watch's
 * messages to the tenant administrator, an alias (with a renewal or a partner only where there is one).
 */
final class NotificationSubjects {

    private NotificationSubjects() {
    }

    /** The record key on {@code partner.notifications.v1} and its dead-letter topic: the partner, else the alias. */
    static String recordKey(PartnerNotification notification) {
        return notification.partnerId() != null ? notification.partnerId().value() : notification.alias();
    }

    /** The {@code ce_subject}: the renewal, else the alias. */
    static String ceSubject(PartnerNotification notification) {
        return notification.renewalId() != null ? notification.renewalId().value() : notification.alias();
    }

    /** For a log line: "renewal r-1 (partner acme)", "alias acme-signer". */
    static String of(PartnerNotification notification) {
        String about = notification.renewalId() != null ? "renewal " + notification.renewalId()
                : "alias " + notification.alias();
        return notification.partnerId() == null ? about : about + " (partner " + notification.partnerId() + ")";
    }

    static EventLogContext logContext(PartnerNotification notification) {
        return EventLogContext.of(notification.renewalId() == null ? null : notification.renewalId().value(),
                notification.partnerId() == null ? null : notification.partnerId().value());
    }
}
