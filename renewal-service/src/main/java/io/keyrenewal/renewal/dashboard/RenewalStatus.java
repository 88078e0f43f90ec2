package io.keyrenewal.renewal.dashboard;

import io.keyrenewal.renewal.query.RenewalView;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Where one renewal stands, as the dashboard shows it: the steps it awaits, who must act and since when.
 *
 * @param state        OPEN, COMPLETED, ABORTED or ROLLED_BACK
 * @param awaiting     the steps the playbook allows now and nobody took yet
 * @param nextActors   who must act next: tenant, partner, keystore or system
 * @param waitingSince when the renewal started waiting for its next step
 * @param keystoreFailure the keystore step that failed and is not done yet, with the reason; null if none
 * @param partnerRefusal  the step the partner refused and has not confirmed since, who refused it and why; null if
 *                        none
 * @param lastSequence the position of the last event this status includes: of two statuses of one renewal, the one
 *                     with the higher position is the newer
 */
public record RenewalStatus(String renewalId, String alias, String partnerId, String playbook, String state,
                            List<String> awaiting, List<String> nextActors, Instant waitingSince, String lastStep,
                            boolean overdue, boolean escalated, boolean downtimeOverrun,
                            String keystoreFailure, String partnerRefusal, Long lastSequence) {

    static RenewalStatus of(RenewalView view) {
        return new RenewalStatus(view.getRenewalId(), view.getAlias(), view.getPartnerId(), view.getPlaybook(),
                view.getState(), names(view.getAwaiting()),
                "OPEN".equals(view.getState()) ? names(view.getNextActor()) : List.of(), view.getUpdatedAt(),
                view.getLastStep(), view.isOverdue(), view.isEscalated(), view.isDowntimeOverrun(),
                view.getLastKeystoreFailure(), refusalOf(view), view.getLastSequence());
    }

    private static String refusalOf(RenewalView view) {
        return view.getRefusedStep() == null ? null : view.getRefusedStep() + " refused by " + view.getRefusedBy()
                + ": " + view.getRefusalReason() + (view.getRefusalCode() == null ? ""
                : " (" + view.getRefusalCode() + ")");
    }

    /**
     * A step is late: the partner was reminded, the tenant alerted, the agreed downtime ran over, or the keystore
     * failed a step that waits for the tenant (retry, abort or resolve), or the partner refused its step (the tenant
     * decides).
     */
    boolean late() {
        return overdue || escalated || downtimeOverrun || keystoreFailure != null || partnerRefusal != null;
    }

    private static List<String> names(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).filter(name -> !name.isBlank()).toList();
    }
}
