package io.keyrenewal.renewal.web;

import io.keyrenewal.renewal.playbook.Commands.StepParameters;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Bodies of the tenant administrator's step requests. */
public final class TenantStepRequests {

    private TenantStepRequests() {
    }

    /**
     * {@code POST /renewals/{id}/steps/{step}}: what the step needs, the rest left out (which step needs what:
     * {@code TenantStepEvents}); the whole body may be left out.
     *
     * @param by who takes the step: the logged-in user, whom the history names anyway
     */
    public record TakeStepRequest(@Size(max = 200) String by, Instant windowStart, Instant windowEnd,
                                  @Size(max = 500) String reason) {

        static final TakeStepRequest NONE = new TakeStepRequest(null, null, null, null);

        StepParameters parameters() {
            return new StepParameters(windowStart, windowEnd, reason);
        }
    }

    /** {@code POST /renewals/{id}/downtime}: the proposed window, ISO-8601 instants. */
    public record ProposeDowntimeRequest(@NotNull Instant windowStart, @NotNull Instant windowEnd) {
    }

    /** {@code POST /renewals/{id}/abort} and {@code /rollback}: why, for the history and the partner. */
    public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }
}
