package io.keyrenewal.notification.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Known renewals in the table {@code known_renewal} (see db/migration/V1__schema.sql, V2 and V3). A row without a
 * recipient (remembered before V2, or by an instance of the earlier version during a rolling upgrade) reads as the
 * partner administrator its playbook had; a row without a renewed key (before V3) as a renewal of the tenant's key
 * pair.
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
                                                       started_at)
                            SELECT :renewalId, :partnerId, :alias, :playbook, :recipient, :renewedKey, :startedAt
                            WHERE NOT EXISTS (SELECT 1 FROM known_renewal WHERE renewal_id = :renewalId)""")
                    .param("renewalId", renewal.renewalId().value())
                    .param("partnerId", renewal.partnerId().value())
                    .param("alias", renewal.alias())
                    .param("playbook", renewal.playbook().name())
                    .param("recipient", renewal.recipient().name())
                    .param("renewedKey", renewal.renewedKey().name())
                    .param("startedAt", startedAt.atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException rememberedMeanwhile) {
            // the same renewal seen at the same moment by another consumer: nothing to change
        }
    }

    @Override
    public Optional<KnownRenewal> find(RenewalId renewalId) {
        return jdbc.sql("""
                        SELECT renewal_id, partner_id, alias, playbook,
                               COALESCE(recipient, CASE WHEN playbook = 'TENANT_DECRYPTS_OUTBOUND_RESPONSE'
                                   THEN 'RECEIVER_ADMINISTRATOR' ELSE 'SENDER_ADMINISTRATOR' END) AS recipient,
                               COALESCE(renewed_key, 'TENANT_KEY_PAIR') AS renewed_key
                        FROM known_renewal WHERE renewal_id = :renewalId""")
                .param("renewalId", renewalId.value())
                .query((row, rowNumber) -> new KnownRenewal(
                        new RenewalId(row.getString("renewal_id")),
                        new PartnerId(row.getString("partner_id")),
                        row.getString("alias"),
                        Playbook.valueOf(row.getString("playbook")),
                        PartnerRole.valueOf(row.getString("recipient")),
                        RenewedKey.valueOf(row.getString("renewed_key"))))
                .optional();
    }
}
