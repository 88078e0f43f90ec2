package io.keyrenewal.renewal.partner;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerChanged;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Read model of the partner directory, kept in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup(PartnerDirectory.PROCESSING_GROUP)
public class PartnerDirectory {

    public static final String PROCESSING_GROUP = "partner-views";

    private final JdbcTemplate jdbc;

    public PartnerDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PartnerRegistered event, @SequenceNumber long sequence) {
        jdbc.update("insert into partner_view (partner_id, entry, last_sequence) values (?, ?, ?)",
                event.entry().partnerId().value(), ContractJson.write(event.entry()), sequence);
    }

    @EventHandler
    void on(PartnerChanged event, @SequenceNumber long sequence) {
        jdbc.update("update partner_view set entry = ?, last_sequence = ? where partner_id = ?",
                ContractJson.write(event.entry()), sequence, event.entry().partnerId().value());
    }

    /**
     * A stored partner event a rebuild replays: the entry it carries (every event carries the whole entry) is written
     * unless the partner's entry was written from a later event. The directory stays readable throughout, as
     * confirmations are checked against it while the rebuild runs.
     */
    public void replayed(PartnerDirectoryEntry entry, long sequence) {
        String partnerId = entry.partnerId().value();
        String json = ContractJson.write(entry);
        int updated = jdbc.update("update partner_view set entry = ?, last_sequence = ? where partner_id = ?"
                + " and (last_sequence is null or last_sequence <= ?)", json, sequence, partnerId, sequence);
        if (updated == 0) {
            jdbc.update("insert into partner_view (partner_id, entry, last_sequence) select ?, ?, ? where not exists"
                    + " (select 1 from partner_view where partner_id = ?)", partnerId, json, sequence, partnerId);
        }
    }

    public Optional<PartnerDirectoryEntry> find(PartnerId partnerId) {
        return jdbc.query("select entry from partner_view where partner_id = ?",
                (row, number) -> ContractJson.read(row.getString(1), PartnerDirectoryEntry.class),
                partnerId.value()).stream().findFirst();
    }

    public List<PartnerDirectoryEntry> all() {
        return jdbc.query("select entry from partner_view order by partner_id",
                (row, number) -> ContractJson.read(row.getString(1), PartnerDirectoryEntry.class));
    }
}
