package io.keyrenewal.renewal.partner;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerChanged;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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
    void on(PartnerRegistered event) {
        jdbc.update("insert into partner_view (partner_id, entry) values (?, ?)",
                event.entry().partnerId().value(), ContractJson.write(event.entry()));
    }

    @EventHandler
    void on(PartnerChanged event) {
        jdbc.update("update partner_view set entry = ? where partner_id = ?", ContractJson.write(event.entry()),
                event.entry().partnerId().value());
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
