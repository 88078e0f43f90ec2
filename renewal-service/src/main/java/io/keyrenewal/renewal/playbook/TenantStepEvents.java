package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.playbook.Actor;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.DrainConfirmed;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyPairExchangeApproved;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.playbook.Commands.StepParameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tenant's steps ({@link Actor#TENANT}): what each needs and the event that records it. The one table the
 * generic {@link Commands.TakeTenantStep} reads, whoever takes the step (the tenant over REST or renewalctl, or the
 * renewal itself when it is automatic); a tenant step added to a playbook adds a row here.
 */
public final class TenantStepEvents {

    /** What a tenant step may carry, named as the REST API and renewalctl name it. */
    public enum Parameter {
        WINDOW_START("windowStart"), WINDOW_END("windowEnd"), REASON("reason");

        private final String field;

        Parameter(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }

        Object of(StepParameters parameters) {
            return switch (this) {
                case WINDOW_START -> parameters.windowStart();
                case WINDOW_END -> parameters.windowEnd();
                case REASON -> parameters.reason() == null || parameters.reason().isBlank() ? null
                        : parameters.reason();
            };
        }
    }

    /** A parameter of a step request that is missing or not the step's. */
    public record ParameterProblem(String field, String message) {
    }

    /**
     * The step as the renewal takes it: what its event is made of.
     *
     * @param agreedWindowStart the start of the agreed downtime window, null before one is proposed
     */
    record Taken(RenewalId renewalId, PartnerId partnerId, StepParameters parameters, String by, Instant at,
                 Instant respondBy, Instant agreedWindowStart) {
    }

    /**
     * One tenant step: the parameters it needs, the rule they must keep, the event that records it, and whether an
     * automatic renewal takes it by itself (a decision the tenant delegated; never what a person does elsewhere, such
     * as deploying an integration flow).
     */
    private record Row(Set<Parameter> needs, Function<Taken, Optional<String>> rule,
                       Function<Taken, RenewalEvent> event, boolean automatic) {
    }

    private static final Map<Milestone, Row> ROWS = Map.of(
            Milestone.DOWNTIME_PROPOSED, new Row(EnumSet.of(Parameter.WINDOW_START, Parameter.WINDOW_END),
                    TenantStepEvents::windowProblem,
                    taken -> new DowntimeProposed(taken.renewalId(), taken.partnerId(),
                            taken.parameters().windowStart(), taken.parameters().windowEnd(), taken.by(), taken.at(),
                            taken.respondBy()), false),
            Milestone.DRAIN_CONFIRMED, new Row(Set.of(), taken -> Optional.empty(),
                    taken -> new DrainConfirmed(taken.renewalId(), taken.by(), taken.at()), true),
            Milestone.EXCHANGE_APPROVED, new Row(Set.of(), taken -> Optional.empty(),
                    taken -> new KeyPairExchangeApproved(taken.renewalId(), taken.by(), taken.at()), true),
            Milestone.FLOW_UNDEPLOYED, new Row(Set.of(), TenantStepEvents::beforeTheWindow,
                    taken -> new IntegrationFlowUndeployed(taken.renewalId(), taken.partnerId(), taken.by(),
                            taken.at()), false),
            Milestone.FLOW_REDEPLOYED, new Row(Set.of(), taken -> Optional.empty(),
                    taken -> new IntegrationFlowRedeployed(taken.renewalId(), taken.partnerId(), taken.by(),
                            taken.at()), false));

    private TenantStepEvents() {
    }

    /** Whether the table knows {@code milestone} as a tenant step. */
    public static boolean isTenantStep(Milestone milestone) {
        return ROWS.containsKey(milestone);
    }

    /** Whether an automatic renewal takes tenant step {@code milestone} by itself. */
    public static boolean automatic(Milestone milestone) {
        return Optional.ofNullable(ROWS.get(milestone)).map(Row::automatic).orElse(false);
    }

    /** The parameters {@code milestone} needs, in the order of {@link Parameter}; none for a step not in the table. */
    public static List<Parameter> needs(Milestone milestone) {
        return Optional.ofNullable(ROWS.get(milestone)).map(row -> row.needs().stream().sorted().toList())
                .orElse(List.of());
    }

    /**
     * What is wrong with the parameters of a request for tenant step {@code milestone}: each it needs and lacks, each
     * it was given and does not take. Empty for a milestone that is no tenant step (the playbook refuses it).
     */
    public static List<ParameterProblem> parameterProblems(Milestone milestone, StepParameters parameters) {
        Row row = ROWS.get(milestone);
        List<ParameterProblem> problems = new ArrayList<>();
        if (row == null) {
            return problems;
        }
        for (Parameter parameter : Parameter.values()) {
            boolean given = parameter.of(parameters) != null;
            if (row.needs().contains(parameter) && !given) {
                problems.add(new ParameterProblem(parameter.field(), "must not be null"));
            } else if (!row.needs().contains(parameter) && given) {
                problems.add(new ParameterProblem(parameter.field(), "is not taken by " + milestone + ", which needs "
                        + (row.needs().isEmpty() ? "nothing" : row.needs().stream().sorted().map(Parameter::field)
                        .collect(Collectors.joining(", ")))));
            }
        }
        return problems;
    }

    /** The event that records tenant step {@code taken}; refused if its parameters do not suit it. */
    static RenewalEvent event(Milestone milestone, Taken taken) {
        Row row = ROWS.get(milestone);
        if (row == null) {
            throw new IllegalStateException(milestone + " is a tenant step of the catalogue without a row in"
                    + " TenantStepEvents");
        }
        List<ParameterProblem> problems = parameterProblems(milestone, taken.parameters());
        if (!problems.isEmpty()) {
            throw new RenewalRefused.InvalidRenewalRequest(problems.stream()
                    .map(problem -> problem.field() + " " + problem.message()).collect(Collectors.joining("; ")));
        }
        row.rule().apply(taken).ifPresent(problem -> {
            throw new RenewalRefused.InvalidRenewalRequest(problem);
        });
        return row.event().apply(taken);
    }

    /** Not a bad request but one too early, refused as the playbook refuses a step before its time. */
    private static Optional<String> beforeTheWindow(Taken taken) {
        if (taken.agreedWindowStart() != null && taken.at().isBefore(taken.agreedWindowStart())) {
            throw new RenewalRefused.StepNotAllowed("the integration flow is undeployed only from the start of the"
                    + " agreed downtime window, " + taken.agreedWindowStart());
        }
        return Optional.empty();
    }

    private static Optional<String> windowProblem(Taken taken) {
        StepParameters window = taken.parameters();
        if (!window.windowEnd().isAfter(window.windowStart())) {
            return Optional.of("the downtime window needs a start before its end");
        }
        if (window.windowStart().isBefore(taken.at())) {
            return Optional.of("the downtime window must not start in the past");
        }
        return Optional.empty();
    }
}
