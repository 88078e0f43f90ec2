package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The integration developer undeployed the integration flow that uses the alias, at the start of the agreed
 * downtime window: the tenant sends the partner nothing until it is redeployed (playbooks 11 and 12).
 *
 * @param by who took the step (the tenant's user, as authenticated)
 */
public record IntegrationFlowUndeployed(RenewalId renewalId, PartnerId partnerId, String by, Instant at)
        implements RenewalEvent {

    public IntegrationFlowUndeployed {
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
