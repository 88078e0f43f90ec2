package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.PartnerRole;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The delivery log in the table {@code partner_notification_delivery} (see schema.sql). */
@Repository
class JdbcDeliveryLog implements DeliveryLog {

    private static final int MAX_ERROR_LENGTH = 2000;

    private static final RowMapper<DeliveryRecord> ROW = (row, rowNumber) -> new DeliveryRecord(
            row.getString("notification_id"),
            row.getString("renewal_id"),
            row.getString("partner_id"),
            PartnerRole.valueOf(row.getString("recipient")),
            NotificationKind.valueOf(row.getString("kind")),
            row.getString("channel"),
            DeliveryStatus.valueOf(row.getString("status")),
            row.getInt("attempts"),
            row.getString("last_error"),
            instant(row.getObject("created_at", OffsetDateTime.class)),
            instant(row.getObject("sent_at", OffsetDateTime.class)));

    private final JdbcClient jdbc;

    JdbcDeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public DeliveryStatus queueIfAbsent(PartnerNotification notification, String channel, Instant now) {
        try {
            jdbc.sql("""
                            INSERT INTO partner_notification_delivery
                              (notification_id, renewal_id, partner_id, recipient, kind, channel, status, attempts,
                               created_at)
                            VALUES (:notificationId, :renewalId, :partnerId, :recipient, :kind, :channel, :status, 0,
                                    :createdAt)""")
                    .param("notificationId", notification.notificationId())
                    .param("renewalId", notification.renewalId().value())
                    .param("partnerId", notification.partnerId().value())
                    .param("recipient", notification.recipient().name())
                    .param("kind", notification.kind().name())
                    .param("channel", channel)
                    .param("status", DeliveryStatus.QUEUED.name())
                    .param("createdAt", now.atOffset(ZoneOffset.UTC))
                    .update();
            return DeliveryStatus.QUEUED;
        } catch (DuplicateKeyException alreadyRecorded) {
            return jdbc.sql("SELECT status FROM partner_notification_delivery WHERE notification_id = :id")
                    .param("id", notification.notificationId())
                    .query((row, rowNumber) -> DeliveryStatus.valueOf(row.getString("status")))
                    .single();
        }
    }

    @Override
    public void markSent(String notificationId, Instant sentAt) {
        jdbc.sql("""
                        UPDATE partner_notification_delivery
                        SET status = :status, attempts = attempts + 1, sent_at = :sentAt
                        WHERE notification_id = :id""")
                .param("status", DeliveryStatus.SENT.name())
                .param("sentAt", sentAt.atOffset(ZoneOffset.UTC))
                .param("id", notificationId)
                .update();
    }

    @Override
    public void markFailed(String notificationId, String reason) {
        String error = reason == null ? "unknown" : reason;
        jdbc.sql("""
                        UPDATE partner_notification_delivery
                        SET status = :status, attempts = attempts + 1, last_error = :error
                        WHERE notification_id = :id""")
                .param("status", DeliveryStatus.FAILED.name())
                .param("error", error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error)
                .param("id", notificationId)
                .update();
    }

    @Override
    public List<DeliveryRecord> forRenewal(RenewalId renewalId) {
        return jdbc.sql("""
                        SELECT * FROM partner_notification_delivery
                        WHERE renewal_id = :renewalId
                        ORDER BY created_at, notification_id""")
                .param("renewalId", renewalId.value())
                .query(ROW)
                .list();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
