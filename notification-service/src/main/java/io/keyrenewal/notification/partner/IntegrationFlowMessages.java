package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The tenant's side of a downtime in which it stops sending (the partner is the receiver): the integration developer
 * undeployed the integration flow that uses the alias, and redeployed it with the renewed key or certificate. Both
 * tell the partner, and ask nothing of it. What the tenant sends after the redeploy follows from what the renewal
 * renews: signed with its new key, or encrypted to the partner's new certificate.
 * Both use the template {@code integration-flow}, its subject the message's headline.
 */
@Component
public class IntegrationFlowMessages {

    static final String TEMPLATE = "integration-flow";

    public PartnerMessage undeployed(KnownRenewal renewal, IntegrationFlowUndeployed event) {
        return new PartnerMessage(NotificationKind.INTEGRATION_FLOW_UNDEPLOYED, renewal.recipient(), TEMPLATE,
                PartnerMessage.values(
                "headline", "The tenant stopped sending: integration flow undeployed",
                "whatHappened", "The tenant stopped sending you messages at " + event.at() + ": its integration"
                        + " developer (" + event.by() + ") undeployed " + Downtime.FLOW + " \"" + renewal.alias()
                        + "\" (renewal id " + renewal.renewalId() + "). It sends you nothing until the flow is"
                        + " redeployed.",
                "whatToDo", "Nothing now: keep your " + Salutation.system(renewal.recipient()) + " as it is. The tenant"
                        + " asks you for what it needs next: " + (renewal.renewsPartnersCertificate()
                        ? "the certificate of your new key pair."
                        : "once it has exchanged its key pair, the exchange of its certificate in your system.")),
                List.of(), null);
    }

    public PartnerMessage redeployed(KnownRenewal renewal, IntegrationFlowRedeployed event) {
        String system = Salutation.system(renewal.recipient());
        String whatItSends;
        String check;
        String retained;
        if (!renewal.renewsPartnersCertificate()) {
            whatItSends = "signed with its new key";
            check = "your " + system + " verifies them with the tenant's new certificate";
            retained = "its old key pair";
        } else if (renewal.encryptsToPartner()) {
            whatItSends = "encrypted to your new certificate";
            check = "your " + system + " decrypts them with your new key";
            retained = "your previous certificate, unused,";
        } else {
            whatItSends = "and verifies your signatures with your new certificate";
            check = "what your " + system + " signs with your new key is accepted";
            retained = "your previous certificate";
        }
        return new PartnerMessage(NotificationKind.INTEGRATION_FLOW_REDEPLOYED, renewal.recipient(), TEMPLATE,
                PartnerMessage.values(
                "headline", "The tenant sends again: integration flow redeployed",
                "whatHappened", "The tenant's integration developer (" + event.by() + ") redeployed "
                        + Downtime.FLOW + " \"" + renewal.alias() + "\" at " + event.at() + " (renewal id "
                        + renewal.renewalId() + "): the tenant sends you messages again, " + whatItSends + ".",
                "whatToDo", "Nothing to confirm. Check that " + check + "; if not, contact the tenant administrator"
                        + " at once. The tenant keeps " + retained + " for the retention period and removes it then;"
                        + " you are told when the renewal is complete."),
                List.of(), null);
    }
}
