package io.keyrenewal.contracts.watch;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.renewal.Playbook;

import java.time.Instant;

/**
 * The watch started renewal {@code renewalId} of the certificate {@code sha256} of {@code alias}, as the policy
 * {@code policy} (at {@code policyVersion}) asks: once per certificate.
 */
public record RenewalStartedByPolicy(String alias, Fingerprint sha256, RenewalId renewalId, PartnerId partnerId,
                                     Playbook playbook, PolicyScope policy, int policyVersion, Instant at)
        implements AliasWatchEvent {

    public RenewalStartedByPolicy {
        Require.text(alias, "alias");
        Require.present(sha256, "sha256");
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(playbook, "playbook");
        Require.present(policy, "policy");
        Require.present(at, "at");
    }
}
