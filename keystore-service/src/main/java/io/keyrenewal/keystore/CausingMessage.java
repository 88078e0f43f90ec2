package io.keyrenewal.keystore;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The renewal event a report answers, by its {@code ce_id}. The report's id is derived from it, so the same event
 * always yields a report with the same id.
 */
public record CausingMessage(String id) {

    public CausingMessage {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the id of the causing message is required");
        }
    }

    public String reportId() {
        return UUID.nameUUIDFromBytes(("keystore-service/report/" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The id of a later report answering this message, one per {@code step} (e.g. a CA's certificate imported). */
    public String reportId(String step) {
        return UUID.nameUUIDFromBytes(("keystore-service/report/" + id + "/" + step).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The report that {@code operation}, asked for by this message, failed for the reason {@code failure} gives. */
    public KeystoreOperationFailed failed(RenewalId renewalId, String operation, KeystoreFailure failure, Instant at) {
        return new KeystoreOperationFailed(reportId(), renewalId, id, operation, failure.getMessage(), at);
    }
}
