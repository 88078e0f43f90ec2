package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Duration;
import java.time.Instant;

/**
 * The tenant administrator started the renewal of the key pair under {@code alias} with {@code partnerId}.
 * The keystore reacts by generating the new key pair.
 *
 * @param guaranteedDeliveryTime how long a message may still be on its way; the old key is kept at least this
 *                               long (and at least 90 days)
 */
public record RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                             Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at)
        implements RenewalEvent {

    public RenewalStarted {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(playbook, "playbook");
        Require.present(guaranteedDeliveryTime, "guaranteedDeliveryTime");
        Require.present(keyAlgorithm, "keyAlgorithm");
        Require.present(at, "at");
    }
}
