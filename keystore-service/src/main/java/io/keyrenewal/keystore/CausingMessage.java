package io.keyrenewal.keystore;

import java.nio.charset.StandardCharsets;
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
}
