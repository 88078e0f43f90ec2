package io.keyrenewal.renewal.dashboard;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard at one moment ({@code GET /dashboard/summary}).
 *
 * @param generatedAt  the service's time when it was made (the age of a waiting step is measured from it)
 * @param openRenewals how many renewals are open
 * @param byPlaybook   open renewals per playbook, and per awaited step within it (a renewal awaiting two steps counts
 *                     under both)
 * @param byNextActor  open renewals per actor who must act next
 * @param late         open renewals whose awaited step is overdue or escalated, whose downtime ran over, or whose
 *                     keystore step failed, or whose partner refused its step
 * @param renewals     the open renewals, the longest waiting first
 * @param recentEvents the latest events, oldest first, as the stream sends them
 * @param lastEventId  the id of the last of them: subscribe with it ({@code stream?lastEventId=}) to miss nothing
 * @param liveClients  how many stream clients are connected
 */
public record DashboardSummary(Instant generatedAt, int openRenewals, List<PlaybookCount> byPlaybook,
                               List<ActorCount> byNextActor, List<RenewalStatus> late, List<RenewalStatus> renewals,
                               List<DashboardEvent> recentEvents, String lastEventId, int liveClients) {

    public record PlaybookCount(String playbook, int open, List<StepCount> steps) {
    }

    public record StepCount(String step, int open) {
    }

    public record ActorCount(String actor, int open) {
    }

    static DashboardSummary of(Instant now, List<RenewalStatus> open, LiveStream.Recent recent, int liveClients) {
        List<RenewalStatus> renewals = open.stream().sorted(Comparator.comparing(RenewalStatus::waitingSince,
                Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        List<PlaybookCount> byPlaybook = group(renewals, RenewalStatus::playbook).entrySet().stream()
                .map(playbook -> new PlaybookCount(playbook.getKey(), playbook.getValue().size(),
                        count(playbook.getValue(), RenewalStatus::awaiting, StepCount::new)))
                .toList();
        return new DashboardSummary(now, renewals.size(), byPlaybook,
                count(renewals, RenewalStatus::nextActors, ActorCount::new),
                renewals.stream().filter(RenewalStatus::late).toList(), renewals, recent.events(),
                recent.lastEventId(), liveClients);
    }

    private static Map<String, List<RenewalStatus>> group(List<RenewalStatus> renewals,
                                                          Function<RenewalStatus, String> key) {
        return renewals.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    private static <T> List<T> count(List<RenewalStatus> renewals, Function<RenewalStatus, List<String>> names,
                                     CountOf<T> counted) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        renewals.forEach(renewal -> names.apply(renewal).forEach(name -> counts.merge(name, 1, Integer::sum)));
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> counted.of(entry.getKey(), entry.getValue())).toList();
    }

    private interface CountOf<T> {
        T of(String name, int open);
    }
}
