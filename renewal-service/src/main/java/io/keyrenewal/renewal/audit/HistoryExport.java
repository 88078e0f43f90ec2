package io.keyrenewal.renewal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.playbook.Milestones;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes the history as JSON Lines, one stored event a line, streamed from the event store row by row: aggregate,
 * sequence, event id, time (the event's own, {@link #timeOf}), type, who acted, the playbook step it records, its
 * public data and its chain hash.
 */
@Component
public class HistoryExport {

    private static final ObjectMapper JSON = ContractJson.mapper();

    private final JdbcTemplate jdbc;

    public HistoryExport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Exports one aggregate (renewal or partner), or the whole store when {@code aggregateIdentifier} is null. */
    public void export(String aggregateIdentifier, OutputStream out) {
        String where = aggregateIdentifier == null ? "" : " where e.aggregate_identifier = ?";
        Object[] arguments = aggregateIdentifier == null ? new Object[0] : new Object[]{aggregateIdentifier};
        jdbc.setFetchSize(500);
        jdbc.query("select e.aggregate_identifier, e.sequence_number, e.event_identifier, e.time_stamp,"
                + " e.payload_type, e.payload, c.hash from domain_event_entry e left join event_chain c"
                + " on c.aggregate_identifier = e.aggregate_identifier and c.sequence_number = e.sequence_number"
                + where + " order by e.global_index", row -> {
            try {
                JsonNode data = JSON.readTree(row.getBytes(6));
                String type = row.getString(5);
                ObjectNode line = JSON.createObjectNode()
                        .put("aggregateId", row.getString(1))
                        .put("sequence", row.getLong(2))
                        .put("eventId", row.getString(3))
                        .put("at", timeOf(data, row.getString(4)))
                        .put("type", type.substring(type.lastIndexOf('.') + 1).replace('$', '.'))
                        .put("actor", actorOf(type, data))
                        .put("step", stepOf(type, data));
                line.set("data", data);
                line.put("hash", row.getString(7));
                out.write(JSON.writeValueAsBytes(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the history export", e);
            }
        }, arguments);
    }

    /**
     * The event's time: its own {@code at} where it has one (every renewal event: the time the as-of queries, the
     * Kafka record's {@code ce_time} and the dashboard use), else the time it was stored (partner events, which have
     * no other; Axon keeps it as ISO-8601 text). The store's own timestamp is a few milliseconds later than
     * {@code at}; showing it would put an as-of taken from the export on the wrong side of the step.
     */
    static String timeOf(JsonNode data, String stored) {
        return data.hasNonNull("at") ? data.get("at").asText() : stored;
    }

    /**
     * Who took the step the event records: {@code tenant:<user>}, {@code partner:<id>}, {@code keystore} or
     * {@code system} ({@code tenant} when the event names no user; {@code system} for a rejected confirmation, whose
     * sender proved nothing). The live dashboard names actors the same way.
     */
    public static String actorOf(String payloadType, JsonNode data) {
        for (String field : new String[]{"proposedBy", "approvedBy", "confirmedBy", "abortedBy", "decidedBy",
                "by"}) {
            if (data.hasNonNull(field)) {
                String user = data.get(field).asText();
                return "system".equals(user) ? "system" : "tenant:" + user;
            }
        }
        String type = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        if (type.equals("PartnerConfirmationRejected")) {
            // the service refused it: the partner it names is the one it claims to be, not one it proved to be
            return "system";
        }
        if (data.hasNonNull("confirmationId")) {
            return "partner:" + data.path("partnerId").asText();
        }
        return switch (type) {
            case "RenewalStarted" -> "tenant";
            case "NewKeyPairCreated", "KeyPairExchanged", "OldKeyPairRemoved", "StagedKeyPairDiscarded",
                 "KeyPairRolledBack", "KeystoreFailureRecorded", "CertificateRequestedFromCa" -> "keystore";
            default -> payloadType.contains("PartnerEvents$") ? "tenant" : "system";
        };
    }

    private static String stepOf(String payloadType, JsonNode data) {
        try {
            Class<?> type = Class.forName(payloadType);
            if (RenewalEvent.class.isAssignableFrom(type)) {
                RenewalEvent event = (RenewalEvent) JSON.treeToValue(data, type);
                return Milestones.recordedBy(event).map(Enum::name).orElse(null);
            }
            return null;
        } catch (ClassNotFoundException | IOException unknownType) {
            return null;
        }
    }

}
