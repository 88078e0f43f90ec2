package io.keyrenewal.renewal.dryrun;

import io.keyrenewal.contracts.playbook.Actor;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Step;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.renewal.playbook.TenantStepEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The order in which a renewal takes its playbook's steps when every party acts at once, simulated on the catalogue as
 * the renewal runs it: after each step it takes the steps it takes by itself (the system's, and, when it is automatic,
 * the tenant's that need nothing), the first allowed in playbook order first, until none is allowed; then the tenant,
 * the partner and the keystore act, again the first allowed step in playbook order first; the system decides the
 * removal of the old key pair only at the end of its retention. Deterministic: the same playbook and approval always
 * give the same order. The dry run's test runs a real renewal of each playbook by this order and compares.
 */
final class PlanSimulation {

    /** The system's step that waits for a deadline (the end of the retention) instead of being taken at once. */
    static final Milestone AT_THE_RETENTIONS_END = Milestone.OLD_KEY_PAIR_REMOVAL_DECIDED;

    /**
     * One step as the simulated renewal takes it.
     *
     * @param byItself whether the renewal takes it by itself (a system step, or a tenant step an automatic renewal
     *                 takes)
     * @param at       when, if every party acts at once
     * @param asks     the partner step that taking it newly asks for (the message to the partner names it), if any
     */
    record Taken(Step step, boolean byItself, Instant at, Optional<Step> asks) {
    }

    private PlanSimulation() {
    }

    /**
     * @param start        when the renewal starts
     * @param retentionEnd when the old key pair's retention ends if every step up to its start is taken at once
     */
    static List<Taken> run(PlaybookDefinition playbook, ExchangeApproval approval, Instant start,
                           Instant retentionEnd) {
        Set<Milestone> done = EnumSet.noneOf(Milestone.class);
        List<Taken> taken = new ArrayList<>();
        Instant at = start;
        while (true) {
            Optional<Step> next = firstAllowed(playbook, done, step -> takenByItself(step, approval));
            boolean byItself = next.isPresent();
            if (next.isEmpty()) {
                next = firstAllowed(playbook, done, step -> step.actor() != Actor.SYSTEM);
            }
            if (next.isEmpty()) {
                next = firstAllowed(playbook, done, step -> step.milestone() == AT_THE_RETENTIONS_END);
                byItself = true;
                at = retentionEnd;
            }
            if (next.isEmpty()) {
                return taken;
            }
            Set<Step> awaitedBefore = Set.copyOf(partnerStepsAllowed(playbook, done));
            done.add(next.get().milestone());
            Optional<Step> asks = partnerStepsAllowed(playbook, done).stream()
                    .filter(step -> !awaitedBefore.contains(step)).findFirst();
            taken.add(new Taken(next.get(), byItself, at, asks));
        }
    }

    /** A step the renewal takes as soon as it is allowed, as the aggregate's {@code advance} does. */
    static boolean takenByItself(Step step, ExchangeApproval approval) {
        return switch (step.actor()) {
            case SYSTEM -> step.milestone() != AT_THE_RETENTIONS_END;
            case TENANT -> approval == ExchangeApproval.AUTOMATIC && TenantStepEvents.automatic(step.milestone());
            default -> false;
        };
    }

    private static Optional<Step> firstAllowed(PlaybookDefinition playbook, Set<Milestone> done,
                                               Predicate<Step> which) {
        return playbook.allowedNow(done).stream().filter(which).findFirst();
    }

    private static List<Step> partnerStepsAllowed(PlaybookDefinition playbook, Set<Milestone> done) {
        return playbook.allowedNow(done).stream().filter(step -> step.actor() == Actor.PARTNER).toList();
    }
}
