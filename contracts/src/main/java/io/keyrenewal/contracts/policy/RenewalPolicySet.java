package io.keyrenewal.contracts.policy;

import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The policy of {@code scope} was set, created or changed (or set again after its removal): the whole policy. */
public record RenewalPolicySet(PolicyScope scope, PolicyDefinition policy, int version, String by, Instant at)
        implements PolicyEvent {

    public RenewalPolicySet {
        Require.present(scope, "scope");
        Require.present(policy, "policy");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
