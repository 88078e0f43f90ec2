package io.keyrenewal.renewal.watch;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.renewal.policy.PolicyView;

/**
 * What the watch of an alias reads besides its certificate, at the moment it looks: the alias's partner and purpose
 * (its policy's, else its last renewal's), its renewal under way, and the policy that applies to it.
 *
 * @param policy null when none applies
 */
public record AliasFacts(PartnerId partnerId, KeyPurpose purpose, RenewalId openRenewal, PolicyView policy) {
}
