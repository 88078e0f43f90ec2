package io.keyrenewal.notification.directory;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The contact book in the table {@code partner_contact} (see {@code db/migration/V1__schema.sql}): one row per partner,
 * the latest entry.
 */
@Repository
class JdbcContactBook implements ContactBook {

    private final JdbcClient jdbc;

    JdbcContactBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean keep(PartnerDirectoryEntry entry) {
        String json = ContractJson.write(entry);
        int updated = jdbc.sql("""
                        UPDATE partner_contact SET entry_json = :json, updated_at = :updatedAt
                        WHERE partner_id = :partnerId AND updated_at < :updatedAt""")
                .param("json", json)
                .param("updatedAt", entry.updatedAt().atOffset(ZoneOffset.UTC))
                .param("partnerId", entry.partnerId().value())
                .update();
        if (updated > 0) {
            return true;
        }
        try {
            return jdbc.sql("""
                            INSERT INTO partner_contact (partner_id, entry_json, updated_at)
                            VALUES (:partnerId, :json, :updatedAt)""")
                    .param("partnerId", entry.partnerId().value())
                    .param("json", json)
                    .param("updatedAt", entry.updatedAt().atOffset(ZoneOffset.UTC))
                    .update() > 0;
        } catch (DuplicateKeyException newerOrSameKept) {
            return false;
        }
    }

    @Override
    public void forget(PartnerId partnerId) {
        jdbc.sql("DELETE FROM partner_contact WHERE partner_id = :partnerId")
                .param("partnerId", partnerId.value())
                .update();
    }

    @Override
    public Optional<PartnerDirectoryEntry> find(PartnerId partnerId) {
        return jdbc.sql("SELECT entry_json FROM partner_contact WHERE partner_id = :partnerId")
                .param("partnerId", partnerId.value())
                .query((row, rowNumber) -> ContractJson.read(row.getString("entry_json"),
                        PartnerDirectoryEntry.class))
                .optional();
    }
}
