package io.keyrenewal.contracts.watch;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.policy.PolicyScope;

import java.time.Instant;

/**
 * The policy's time to renew the certificate {@code sha256} of {@code alias} has come, but the renewal could not
 * start: {@code reason} says why (the start's own refusal: no partner known, the partner not registered, the
 * playbook not for the purpose, ...). The tenant is told; the watch tries again at {@code nextAttemptAt} (null: not
 * before the policy changes).
 */
public record RenewalByPolicyNotStarted(String alias, Fingerprint sha256, PolicyScope policy, String reason,
                                        Instant nextAttemptAt, Instant at) implements AliasWatchEvent {

    public RenewalByPolicyNotStarted {
        Require.text(alias, "alias");
        Require.present(sha256, "sha256");
        Require.text(reason, "reason");
        Require.present(at, "at");
    }
}
