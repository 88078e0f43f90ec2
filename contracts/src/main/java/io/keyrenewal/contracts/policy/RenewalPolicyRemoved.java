package io.keyrenewal.contracts.policy;

import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The policy of {@code scope} was removed: an alias falls back to its purpose's default, a purpose to none. */
public record RenewalPolicyRemoved(PolicyScope scope, int version, String by, Instant at) implements PolicyEvent {

    public RenewalPolicyRemoved {
        Require.present(scope, "scope");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
