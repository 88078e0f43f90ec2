package io.keyrenewal.notification.renewal;

import io.keyrenewal.contracts.RenewalId;

import java.time.Instant;
import java.util.Optional;

/** Port: the renewals this service has seen start, with their partner, alias and playbook, and what they went through. */
public interface KnownRenewals {

    /** Remembers {@code renewal}; remembering the same renewal again changes nothing. */
    void remember(KnownRenewal renewal, Instant startedAt);

    /** Records that a downtime window ending at {@code windowEnd} was agreed; nothing for a renewal not remembered. */
    void recordDowntime(RenewalId renewalId, Instant windowEnd);

    /** Records that the tenant's key pair was exchanged at {@code at}; nothing for a renewal not remembered. */
    void recordKeyPairExchange(RenewalId renewalId, Instant at);

    Optional<KnownRenewal> find(RenewalId renewalId);

    /** The remembered renewal, or {@link UnknownRenewal} if no {@code RenewalStarted} was seen for it. */
    default KnownRenewal get(RenewalId renewalId) {
        return find(renewalId).orElseThrow(() -> new UnknownRenewal(renewalId));
    }
}
