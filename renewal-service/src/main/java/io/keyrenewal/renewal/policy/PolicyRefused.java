package io.keyrenewal.renewal.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy command refused; nothing changed. {@link #getMessage()} says why, in words the administrator can act on. */
public abstract sealed class PolicyRefused extends RuntimeException
        permits PolicyRefused.InvalidPolicy, PolicyRefused.NoPolicy {

    protected PolicyRefused(String reason) {
        super(reason, null, false, false);
    }

    /** The policy breaks one or more of {@link PolicyRules}: each problem names its field. */
    public static final class InvalidPolicy extends PolicyRefused {

        private final transient List<PolicyRules.Problem> problems;

        public InvalidPolicy(List<PolicyRules.Problem> problems) {
            super(problems.stream().map(PolicyRules.Problem::toString).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<PolicyRules.Problem> problems() {
            return problems;
        }
    }

    /** The scope has no policy now: never set, or removed. */
    public static final class NoPolicy extends PolicyRefused {
        public NoPolicy(String reason) {
            super(reason);
        }
    }
}
