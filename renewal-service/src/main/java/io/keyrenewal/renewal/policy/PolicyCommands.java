package io.keyrenewal.renewal.policy;

import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.PolicyScope;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** What the tenant administrator does with renewal policies; {@code by} is the logged-in user. */
public final class PolicyCommands {

    private PolicyCommands() {
    }

    /** Sets the whole policy of {@code scope}: creates it, changes it, or sets it again after its removal. */
    public record SetPolicy(@TargetAggregateIdentifier PolicyScope scope, PolicyDefinition policy, String by,
                            Instant at) {
    }

    public record RemovePolicy(@TargetAggregateIdentifier PolicyScope scope, String by, Instant at) {
    }
}
