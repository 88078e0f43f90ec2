package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.PartnerRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The delivery log in the tables {@code partner_message} and {@code notification_delivery} (see
 * {@code db/migration/V1__schema.sql}).
 */
@Repository
class JdbcDeliveryLog implements DeliveryLog {

    private static final int MAX_ERROR_LENGTH = 2000;

    private static final RowMapper<DeliveryRecord> RECORD = (row, rowNumber) -> new DeliveryRecord(
            row.getString("notification_id"),
            row.getString("renewal_id"),
            row.getString("partner_id"),
            row.getString("alias"),
            PartnerRole.valueOf(row.getString("recipient")),
            NotificationKind.valueOf(row.getString("kind")),
            row.getString("channel"),
            DeliveryStatus.valueOf(row.getString("status")),
            row.getInt("attempts"),
            row.getString("last_error"),
            instant(row.getObject("created_at", OffsetDateTime.class)),
            instant(row.getObject("next_attempt_at", OffsetDateTime.class)),
            instant(row.getObject("sent_at", OffsetDateTime.class)));

    private static final RowMapper<PendingDelivery> PENDING = (row, rowNumber) -> new PendingDelivery(
            ContractJson.read(row.getString("notification_json"), PartnerNotification.class),
            row.getString("html"),
            new Address(row.getString("channel"), row.getString("address")),
            row.getInt("attempts"));

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    JdbcDeliveryLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    @Override
    @Transactional
    public void enqueue(PartnerNotification notification, String html, List<Address> addresses, Instant now) {
        int composed = jdbc.sql("""
                        INSERT INTO partner_message
                          (notification_id, renewal_id, notification_json, html, created_at)
                        SELECT :notificationId, :renewalId, :json, :html, :createdAt
                        WHERE NOT EXISTS (SELECT 1 FROM partner_message WHERE notification_id = :notificationId)""")
                .param("notificationId", notification.notificationId())
                .param("renewalId", renewalIdOf(notification))
                .param("json", ContractJson.write(notification))
                .param("html", html)
                .param("createdAt", utc(now))
                .update();
        if (composed == 0) {
            return; // recorded before, with its deliveries: the partner may have added a channel since, but an
                    // event delivered again (a redelivery, a republish) must not send the old message anywhere new
        }
        for (Address address : addresses) {
            jdbc.sql("""
                            INSERT INTO notification_delivery
                              (notification_id, channel, address, renewal_id, partner_id, alias, recipient, kind,
                               status, attempts, next_attempt_at, created_at)
                            SELECT :notificationId, :channel, :address, :renewalId, :partnerId, :alias, :recipient,
                                   :kind, :status, 0, :createdAt, :createdAt
                            WHERE NOT EXISTS (SELECT 1 FROM notification_delivery
                                              WHERE notification_id = :notificationId AND channel = :channel)""")
                    .param("notificationId", notification.notificationId())
                    .param("channel", address.channel())
                    .param("address", address.destination())
                    .param("renewalId", renewalIdOf(notification))
                    .param("partnerId", notification.partnerId() == null ? null : notification.partnerId().value())
                    .param("alias", notification.alias())
                    .param("recipient", notification.recipient().name())
                    .param("kind", notification.kind().name())
                    .param("status", DeliveryStatus.QUEUED.name())
                    .param("createdAt", utc(now))
                    .update();
        }
    }

    @Override
    @Transactional
    public List<PendingDelivery> claimDue(Instant now, int limit, Instant leaseUntil) {
        // FOR UPDATE SKIP LOCKED: an instance claiming at the same moment takes the next rows instead of waiting for
        // these (or taking them too); the claim id then finds this batch again with its messages
        List<Object[]> keys = jdbc.sql("""
                        SELECT notification_id, channel FROM notification_delivery
                        WHERE status IN ('QUEUED', 'FAILED', 'SENDING') AND next_attempt_at <= :now
                        ORDER BY next_attempt_at, created_at, notification_id
                        FETCH FIRST :limit ROWS ONLY
                        FOR UPDATE SKIP LOCKED""")
                .param("now", utc(now))
                .param("limit", limit)
                .query((row, rowNumber) -> new Object[]{row.getString("notification_id"), row.getString("channel")})
                .list();
        if (keys.isEmpty()) {
            return List.of();
        }
        String claim = UUID.randomUUID().toString();
        OffsetDateTime until = utc(leaseUntil);
        jdbcTemplate.batchUpdate("""
                        UPDATE notification_delivery SET status = 'SENDING', claim = ?, next_attempt_at = ?
                        WHERE notification_id = ? AND channel = ?""",
                keys.stream().map(key -> new Object[]{claim, until, key[0], key[1]}).toList());
        return jdbc.sql("""
                        SELECT d.channel, d.address, d.attempts, m.notification_json, m.html
                        FROM notification_delivery d JOIN partner_message m ON m.notification_id = d.notification_id
                        WHERE d.claim = :claim AND d.status = 'SENDING'
                        ORDER BY d.created_at, d.notification_id""")
                .param("claim", claim)
                .query(PENDING)
                .list();
    }

    @Override
    public void markSent(List<PendingDelivery> deliveries, Instant sentAt) {
        if (deliveries.isEmpty()) {
            return;
        }
        OffsetDateTime at = utc(sentAt);
        jdbcTemplate.batchUpdate("""
                        UPDATE notification_delivery
                        SET status = 'SENT', attempts = attempts + 1, sent_at = ?
                        WHERE notification_id = ? AND channel = ?""",
                deliveries.stream().map(delivery -> new Object[]{at, delivery.notificationId(), delivery.channel()})
                        .toList());
    }

    @Override
    public void markFailed(PendingDelivery delivery, String reason, Instant retryAt) {
        jdbc.sql("""
                        UPDATE notification_delivery
                        SET status = 'FAILED', attempts = attempts + 1, last_error = :error, next_attempt_at = :retryAt
                        WHERE notification_id = :id AND channel = :channel AND status <> 'SENT'""")
                .param("error", shortened(reason))
                .param("retryAt", utc(retryAt))
                .param("id", delivery.notificationId())
                .param("channel", delivery.channel())
                .update();
    }

    @Override
    public void markParked(PendingDelivery delivery, String reason) {
        jdbc.sql("""
                        UPDATE notification_delivery
                        SET status = 'PARKED', attempts = attempts + 1, last_error = :error
                        WHERE notification_id = :id AND channel = :channel AND status <> 'SENT'""")
                .param("error", shortened(reason))
                .param("id", delivery.notificationId())
                .param("channel", delivery.channel())
                .update();
    }

    @Override
    public List<DeliveryRecord> forRenewal(RenewalId renewalId) {
        return rowsWhere("renewal_id", renewalId.value());
    }

    @Override
    public List<DeliveryRecord> forAlias(String alias) {
        return rowsWhere("alias", alias);
    }

    /** @param column one of the table's indexed columns, named here, never taken from a request */
    private List<DeliveryRecord> rowsWhere(String column, String value) {
        return jdbc.sql("SELECT * FROM notification_delivery WHERE " + column + " = :value"
                        + " ORDER BY created_at, notification_id, channel")
                .param("value", value)
                .query(RECORD)
                .list();
    }

    private static String renewalIdOf(PartnerNotification notification) {
        return notification.renewalId() == null ? null : notification.renewalId().value();
    }

    private static String shortened(String reason) {
        String error = reason == null ? "unknown" : reason;
        return error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
