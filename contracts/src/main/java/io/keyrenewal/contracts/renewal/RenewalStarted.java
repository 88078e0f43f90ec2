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
 * @param exchangeApproval       whether the tenant approves the exchange (playbooks 1 and 2); null reads as
 *                               {@link ExchangeApproval#TENANT_APPROVES}
 * @param guaranteedDeliveryTime how long a message may still be on its way; the old key is kept at least this
 *                               long (and at least 90 days)
 */
public record RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                             Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at,
                             ExchangeApproval exchangeApproval) implements RenewalEvent {

    /** A renewal whose exchange the tenant administrator approves. */
    public RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                          Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at) {
        this(renewalId, alias, partnerId, playbook, guaranteedDeliveryTime, keyAlgorithm, at,
                ExchangeApproval.TENANT_APPROVES);
    }

    public RenewalStarted {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(playbook, "playbook");
        Require.present(guaranteedDeliveryTime, "guaranteedDeliveryTime");
        Require.present(keyAlgorithm, "keyAlgorithm");
        Require.present(at, "at");
        // stored before the field existed: those renewals ran with approval
        exchangeApproval = exchangeApproval == null ? ExchangeApproval.TENANT_APPROVES : exchangeApproval;
    }
}
