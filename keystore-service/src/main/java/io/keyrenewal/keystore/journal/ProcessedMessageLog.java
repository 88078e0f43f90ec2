package io.keyrenewal.keystore.journal;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The renewal events already handled, by {@code ce_id}, with the report each one got. A redelivered event is
 * answered with the stored report instead of being handled again.
 */
@Component
public class ProcessedMessageLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ProcessedMessageLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<KeystoreReport> reportFor(String messageId) {
        return jdbc.sql("SELECT report_json FROM processed_message WHERE message_id = :id")
                .param("id", messageId)
                .query(String.class)
                .optional()
                .map(json -> ContractJson.read(json, KeystoreReport.class));
    }

    /**
     * Makes {@code report} the answer to {@code messageId} from now on: the keystore finished later what the message
     * asked (a CA's certificate was imported), so a redelivery gets the final report.
     */
    public void replace(String messageId, KeystoreReport report) {
        int updated = jdbc.sql("UPDATE processed_message SET report_json = :report WHERE message_id = :id")
                .param("id", messageId)
                .param("report", ContractJson.write(report))
                .update();
        if (updated == 0) {
            record(messageId, report);
        }
    }

    /**
     * Records the report of {@code messageId}.
     *
     * @throws DuplicateKeyException if it has one already (handled at the same time elsewhere): the caller's
     *                               transaction must roll back, its work was done by the other
     */
    public void record(String messageId, KeystoreReport report) {
        jdbc.sql("INSERT INTO processed_message (message_id, renewal_id, report_json, processed_at)"
                        + " VALUES (:id, :renewalId, :report, :at)")
                .param("id", messageId)
                .param("renewalId", report.renewalId().value())
                .param("report", ContractJson.write(report))
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
    }
}
