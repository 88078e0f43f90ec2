package io.keyrenewal.contracts.policy;

import java.time.Instant;

/**
 * A change of one renewal policy, stored in renewal-service's event store (the policy's history; not published on a
 * topic). Each carries the policy's version after it (1 for the first, one more for every change) and who changed it
 * when.
 */
public sealed interface PolicyEvent permits RenewalPolicySet, RenewalPolicyRemoved {

    PolicyScope scope();

    int version();

    /** The tenant's user who changed it. */
    String by();

    Instant at();
}
