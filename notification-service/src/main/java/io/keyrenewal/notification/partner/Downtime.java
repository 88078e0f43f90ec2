package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.renewal.PartnerRole;

/**
 * Who stops sending during a renewal's agreed downtime, from the partner's role in it: the party that sends the
 * requests. A sender administrator's system stops sending to the tenant and confirms it; where the partner is the
 * receiver, the tenant stops: its integration developer undeploys the integration flow that uses the alias and
 * redeploys it once the exchange is done, and the receiver has nothing to stop.
 */
final class Downtime {

    static final String FLOW = "the integration flow that uses the alias";

    private Downtime() {
    }

    static boolean tenantStopsSending(PartnerRole partner) {
        return partner == PartnerRole.RECEIVER_ADMINISTRATOR;
    }

    /** Until when nothing is sent, in words to the partner. */
    static String untilTrafficResumes(PartnerRole partner) {
        return tenantStopsSending(partner)
                ? "The tenant sends you nothing until " + FLOW + " is redeployed; you are told then."
                : "Do not send messages until the tenant tells you to resume.";
    }
}
