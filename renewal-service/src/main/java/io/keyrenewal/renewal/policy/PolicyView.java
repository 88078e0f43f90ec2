package io.keyrenewal.renewal.policy;

import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * The policy of a scope as it stands: its version, the policy (null once removed) and who changed it last, when.
 */
@Schema(name = "RenewalPolicy")
public record PolicyView(PolicyScope scope, int version, PolicyDefinition policy, boolean removed, String changedBy,
                         Instant changedAt) {
}
