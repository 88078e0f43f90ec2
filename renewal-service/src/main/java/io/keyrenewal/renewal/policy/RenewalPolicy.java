package io.keyrenewal.renewal.policy;

import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.policy.RenewalPolicyRemoved;
import io.keyrenewal.contracts.policy.RenewalPolicySet;
import io.keyrenewal.renewal.policy.PolicyCommands.RemovePolicy;
import io.keyrenewal.renewal.policy.PolicyCommands.SetPolicy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The renewal policy of one scope (an alias, or a purpose's default), event-sourced like a partner: every change is in
 * its history, carrying the whole policy. A set checks the whole policy ({@link PolicyRules}); a set that changes
 * nothing is not recorded; a removed policy may be set again, as its next version.
 */
@Aggregate
public class RenewalPolicy {

    @AggregateIdentifier
    private PolicyScope scope;
    /** Null while removed. */
    private PolicyDefinition policy;
    private int version;

    protected RenewalPolicy() {
        // for Axon's event sourcing, and for the first set of a scope
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetPolicy command) {
        List<PolicyRules.Problem> problems = PolicyRules.problems(command.scope(), command.policy(), command.at());
        if (!problems.isEmpty()) {
            throw new PolicyRefused.InvalidPolicy(problems);
        }
        if (command.policy().equals(policy)) {
            return; // as it is
        }
        apply(new RenewalPolicySet(command.scope(), command.policy(), version + 1, command.by(), command.at()));
    }

    @CommandHandler
    public void handle(RemovePolicy command) {
        if (policy == null) {
            throw new PolicyRefused.NoPolicy("the policy of " + scope + " was removed (version " + version
                    + "); there is nothing to remove");
        }
        apply(new RenewalPolicyRemoved(scope, version + 1, command.by(), command.at()));
    }

    @EventSourcingHandler
    void on(RenewalPolicySet event) {
        scope = event.scope();
        policy = event.policy();
        version = event.version();
    }

    @EventSourcingHandler
    void on(RenewalPolicyRemoved event) {
        policy = null;
        version = event.version();
    }
}
