package io.keyrenewal.renewal.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Bodies of the tenant administrator's step requests. */
public final class TenantStepRequests {

    private TenantStepRequests() {
    }

    /** {@code POST /renewals/{id}/downtime}: the proposed window, ISO-8601 instants. */
    public record ProposeDowntimeRequest(@NotNull Instant windowStart, @NotNull Instant windowEnd) {
    }

    /** {@code POST /renewals/{id}/abort} and {@code /rollback}: why, for the history and the partner. */
    public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }
}
