package io.keyrenewal.notification.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Known renewals in the table {@code known_renewal} (see db/migration/V1__schema.sql, V2 to V4). A row without a
 * recipient (remembered before V2, or by an instance of the earlier version during a rolling upgrade) reads as the
 * partner administrator its playbook had; a row without a renewed key (before V3) as a renewal of the tenant's key
 * pair; a renewal of the partner's certificate without its use (before V4) as one the tenant verifies with.
 */
@Repository
class JdbcKnownRenewals implements KnownRenewals {

    private final JdbcClient jdbc;

    JdbcKnownRenewals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(KnownRenewal renewal, Instant startedAt) {
        try {
            jdbc.sql("""
                            INSERT INTO known_renewal (renewal_id, partner_id, alias, playbook, recipient, renewed_key,
                                                       partner_certificate_use, started_at)
                            SELECT :renewalId, :partnerId, :alias, :playbook, :recipient, :renewedKey,
                                   :partnerCertificateUse, :startedAt
                            WHERE NOT EXISTS (SELECT 1 FROM known_renewal WHERE renewal_id = :renewalId)""")
                    .param("renewalId", renewal.renewalId().value())
                    .param("partnerId", renewal.partnerId().value())
                    .param("alias", renewal.alias())
                    .param("playbook", renewal.playbook().name())
                    .param("recipient", renewal.recipient().name())
                    .param("renewedKey", renewal.renewedKey().name())
                    .param("partnerCertificateUse", renewal.partnerCertificateUse() == null ? null
                            : renewal.partnerCertificateUse().name())
                    .param("startedAt", utc(startedAt))
                    .update();
        } catch (DuplicateKeyException rememberedMeanwhile) {
            // the same renewal seen at the same moment by another consumer: nothing to change
        }
    }

    @Override
    public void recordDowntime(RenewalId renewalId, Instant windowEnd) {
        setTime("downtime_until", renewalId, windowEnd);
    }

    @Override
    public void recordKeyPairExchange(RenewalId renewalId, Instant at) {
        setTime("key_pair_exchanged_at", renewalId, at);
    }

    /** {@code column}, one of this class's own names, of the renewal's row (none: nothing) set to {@code time}. */
    private void setTime(String column, RenewalId renewalId, Instant time) {
        jdbc.sql("UPDATE known_renewal SET " + column + " = :time WHERE renewal_id = :renewalId")
                .param("time", utc(time))
                .param("renewalId", renewalId.value())
                .update();
    }

    @Override
    public Optional<KnownRenewal> find(RenewalId renewalId) {
        return jdbc.sql("""
                        SELECT renewal_id, partner_id, alias, playbook,
                               COALESCE(recipient, CASE WHEN playbook = 'TENANT_DECRYPTS_OUTBOUND_RESPONSE'
                                   THEN 'RECEIVER_ADMINISTRATOR' ELSE 'SENDER_ADMINISTRATOR' END) AS recipient,
                               COALESCE(renewed_key, 'TENANT_KEY_PAIR') AS renewed_key,
                               partner_certificate_use, downtime_until, key_pair_exchanged_at
                        FROM known_renewal WHERE renewal_id = :renewalId""")
                .param("renewalId", renewalId.value())
                .query((row, rowNumber) -> new KnownRenewal(
                        new RenewalId(row.getString("renewal_id")),
                        new PartnerId(row.getString("partner_id")),
                        row.getString("alias"),
                        Playbook.valueOf(row.getString("playbook")),
                        PartnerRole.valueOf(row.getString("recipient")),
                        RenewedKey.valueOf(row.getString("renewed_key")),
                        row.getString("partner_certificate_use") == null ? null
                                : PartnerCertificateUse.valueOf(row.getString("partner_certificate_use")),
                        instant(row.getObject("downtime_until", OffsetDateTime.class)),
                        instant(row.getObject("key_pair_exchanged_at", OffsetDateTime.class))))
                .optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
