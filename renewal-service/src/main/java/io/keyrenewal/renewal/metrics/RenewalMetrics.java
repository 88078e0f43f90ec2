package io.keyrenewal.renewal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * What the renewals do, as Micrometer meters, counted once per event when the transaction that stored it commits
 * (a command that fails records nothing):
 * <ul>
 *     <li>{@code keyrenewal.renewal.events} (counter; tag {@code type}, the event's type): started, completed,
 *     aborted, rolled back, each partner step reminded ({@code PartnerStepOverdue}) or escalated, ...;</li>
 *     <li>{@code keyrenewal.renewal.step.duration} (timer; tags {@code playbook}, {@code step}, {@code actor}): how
 *     long the renewal waited for a step, from the step before it (or the start) to the step; with
 *     {@code actor="partner"} these are the partners' response times. Buckets from a minute to 90 days, as steps
 *     take minutes (the keystore) to weeks (a partner).</li>
 * </ul>
 * The renewal-views projection calls it; a rebuild of the views does not (it folds events already counted).
 */
@Component
public class RenewalMetrics {

    static final Duration[] STEP_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3),
            Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(90)};

    private final MeterRegistry registry;

    public RenewalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts an event of {@code type}. */
    public void event(String type) {
        afterCommit(() -> Counter.builder("keyrenewal.renewal.events").description("Renewal events stored")
                .tag("type", type).register(registry).increment());
    }

    /** Records that {@code actor} took {@code step} of {@code playbook} {@code waited} after the step before it. */
    public void stepTaken(String playbook, String step, String actor, Duration waited) {
        if (waited.isNegative()) {
            return; // a clock moved back (the demo's): no duration to tell
        }
        afterCommit(() -> Timer.builder("keyrenewal.renewal.step.duration")
                .description("How long a renewal waited for a step, from the step before it")
                .tags("playbook", playbook, "step", step, "actor", actor)
                .serviceLevelObjectives(STEP_BUCKETS)
                .register(registry).record(waited));
    }

    /** Runs {@code record} once the current unit of work has committed (at once outside one). */
    public static void afterCommit(Runnable record) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> record.run());
        } else {
            record.run();
        }
    }
}
