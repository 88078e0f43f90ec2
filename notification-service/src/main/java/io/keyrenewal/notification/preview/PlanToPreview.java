package io.keyrenewal.notification.preview;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /notifications/preview}: a dry run's plan exactly as renewal-service answers
 * {@code POST /renewals/dry-run}, of which the preview reads only what its messages need; any other field is ignored.
 *
 * @param playbook null where no playbook could be chosen: then there are no steps and nothing to preview
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanToPreview(String alias, Partner partner, PlaybookUsed playbook, List<PlannedStep> steps,
                            Dates dates) {

    public PlanToPreview {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Partner(String partnerId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlaybookUsed(String playbook) {
    }

    /**
     * One step of the plan, in the order the renewal takes it.
     *
     * @param confirmation   a partner step: the confirmation it awaits
     * @param respondWithin  a partner step: its respond-by date comes this long after it is asked
     * @param escalatedAfter a partner step: still awaited this long after it is asked, the tenant is alerted
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlannedStep(String step, String event, Instant earliestAt, ConfirmationType confirmation,
                              Duration respondWithin, Duration escalatedAfter, List<PlannedMessage> tells,
                              List<PlannedMessage> ifLate) {

        public PlannedStep {
            tells = tells == null ? List.of() : List.copyOf(tells);
            ifLate = ifLate == null ? List.of() : List.copyOf(ifLate);
        }
    }

    /** A message the plan says notification-service would send, unrendered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlannedMessage(String event, String recipient, NotificationKind kind, ConfirmationType asks) {
    }

    /**
     * @param retention         how long the old key pair (or certificate) is kept once its retention starts
     * @param retentionStartsAt the step from which it is kept
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dates(Instant start, Duration retention, String retentionStartsAt) {
    }
}
