package io.keyrenewal.keystore.journal;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The decision behind each keystore step that failed, per renewal and operation ({@code GENERATE}, {@code EXCHANGE},
 * ...), kept so that a retry the tenant asks for ({@code KeystoreStepRetried}) repeats that step as it was decided.
 * The latest failure of an operation replaces an earlier one.
 */
@Component
public class FailedSteps {

    private final JdbcClient jdbc;
    private final Clock clock;

    public FailedSteps(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void remember(RenewalId renewalId, String operation, String messageId, RenewalEvent decision) {
        OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String json = ContractJson.write(decision);
        int updated = jdbc.sql("UPDATE failed_step SET message_id = :messageId, event_json = :json, failed_at = :at"
                        + " WHERE renewal_id = :renewalId AND operation = :operation")
                .param("renewalId", renewalId.value())
                .param("operation", operation)
                .param("messageId", messageId)
                .param("json", json)
                .param("at", at)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO failed_step (renewal_id, operation, message_id, event_json, failed_at)"
                            + " VALUES (:renewalId, :operation, :messageId, :json, :at)")
                    .param("renewalId", renewalId.value())
                    .param("operation", operation)
                    .param("messageId", messageId)
                    .param("json", json)
                    .param("at", at)
                    .update();
        }
    }

    /** The decision whose {@code operation} failed last for {@code renewalId}. */
    public Optional<RenewalEvent> decision(RenewalId renewalId, String operation) {
        return jdbc.sql("SELECT event_json FROM failed_step WHERE renewal_id = :renewalId AND operation = :operation")
                .param("renewalId", renewalId.value())
                .param("operation", operation)
                .query(String.class)
                .optional()
                .map(json -> ContractJson.read(json, RenewalEvent.class));
    }
}
