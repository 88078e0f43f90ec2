package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The integration developer redeployed the integration flow that uses the alias, with the renewed key or
 * certificate: the tenant sends the partner messages again (playbooks 11 and 12).
 *
 * @param by who took the step (the tenant's user, as authenticated)
 */
public record IntegrationFlowRedeployed(RenewalId renewalId, PartnerId partnerId, String by, Instant at)
        implements RenewalEvent {

    public IntegrationFlowRedeployed {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
