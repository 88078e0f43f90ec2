package io.keyrenewal.renewal.partner;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerChanged;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read model of the partner directory, kept in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup(PartnerDirectory.PROCESSING_GROUP)
public class PartnerDirectory {

    public static final String PROCESSING_GROUP = "partner-views";
    private static final String PARTNER_AGGREGATE = "Partner";

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
     * Rebuilds the directory from the stored partner events, while partners keep being registered and changed: each
     * partner's entry is the one its last stored event carries (every event carries the whole entry), written unless
     * the live projection wrote a later one meanwhile. Answers how many events it read.
     */
    public long rebuild() {
        Map<String, StoredEntry> latest = new LinkedHashMap<>();
        jdbc.query("select aggregate_identifier, sequence_number, payload from domain_event_entry where type = ?"
                + " order by global_index", rows -> {
            latest.put(rows.getString(1), new StoredEntry(rows.getLong(2), rows.getBytes(3)));
        }, PARTNER_AGGREGATE);
        long events = 0;
        for (Map.Entry<String, StoredEntry> partner : latest.entrySet()) {
            StoredEntry stored = partner.getValue();
            events += stored.sequence() + 1;
            String entry = ContractJson.write(stored.entry());
            int updated = jdbc.update("update partner_view set entry = ?, last_sequence = ? where partner_id = ?"
                    + " and (last_sequence is null or last_sequence <= ?)", entry, stored.sequence(), partner.getKey(),
                    stored.sequence());
            if (updated == 0) {
                try {
                    jdbc.update("insert into partner_view (partner_id, entry, last_sequence) values (?, ?, ?)",
                            partner.getKey(), entry, stored.sequence());
                } catch (DuplicateKeyException newerMeanwhile) {
                    // the live projection holds a later entry of this partner
                }
            }
        }
        return events;
    }

    /** How many partner events are stored: what {@link #rebuild()} reads. */
    public long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where type = ?", Long.class,
                PARTNER_AGGREGATE);
    }

    /** The last stored event of a partner; registration and change carry the whole entry alike. */
    private record StoredEntry(long sequence, byte[] payload) {

        PartnerDirectoryEntry entry() {
            try {
                return ContractJson.mapper().readValue(payload, PartnerRegistered.class).entry();
            } catch (IOException e) {
                throw new IllegalStateException("a stored partner event cannot be read: " + e.getMessage(), e);
            }
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
