package io.keyrenewal.renewal.dashboard;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.Milestones;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.audit.HistoryExport;
import io.keyrenewal.renewal.query.RenewalView;

import java.time.Instant;

/**
 * One renewal event as the live dashboard sends it (the {@code data} of a {@code GET /dashboard/stream} message).
 *
 * @param id       the event's id, the same as {@code ce_id} on {@code renewal.events.v1}; the stream's event id
 * @param type     the event type (docs/events.md)
 * @param sequence the event's position in its renewal's history, from 0
 * @param step     the playbook step (milestone) the event records; null for events that record none
 * @param at       when it happened
 * @param actor    who caused it, as the audit export names it: {@code tenant:<user>}, {@code partner:<id>},
 *                 {@code keystore}, {@code system}, or {@code tenant} when no user is recorded
 * @param renewal  where the renewal stood when the feed read it: after this event, or after a later one already
 *                 stored; null if its read model is missing (e.g. while it is rebuilt)
 */
public record DashboardEvent(String id, String type, String renewalId, long sequence, String step, Instant at,
                             String actor, RenewalStatus renewal) {

    static DashboardEvent of(String id, long sequence, RenewalEvent event, RenewalView view) {
        return new DashboardEvent(id, event.getClass().getSimpleName(), event.renewalId().value(), sequence,
                Milestones.recordedBy(event).map(Milestone::name).orElse(null), event.at(),
                HistoryExport.actorOf(event.getClass().getName(), ContractJson.mapper().valueToTree(event)),
                view == null ? null : RenewalStatus.of(view));
    }
}
