package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The agreed downtime: {@link NotificationKind#DOWNTIME_PROPOSED} and {@link NotificationKind#DOWNTIME_AGREED} to the
 * partner, {@link NotificationKind#DOWNTIME_OVERRUN} to the tenant administrator. Who stops sending follows from the
 * partner's role ({@link Downtime}): the sender stops and confirms it, or the tenant undeploys its integration flow.
 * What is exchanged in the window follows from what the renewal renews: the partner exchanges the tenant's certificate,
 * or replaces its own key pair and sends the tenant the new certificate.
 */
@Component
public class DowntimeMessages {

    public PartnerMessage proposed(KnownRenewal renewal, DowntimeProposed event) {
        return PartnerMessage.of(NotificationKind.DOWNTIME_PROPOSED, renewal.recipient(), PartnerMessage.values(
                        "whatHappened", "The tenant (" + event.proposedBy() + ") proposes a downtime window for the "
                                + "exchange of " + (renewal.renewsPartnersCertificate()
                                ? "your certificate that it uses under" : "the certificate of") + " the alias \""
                                + renewal.alias() + "\": from " + event.windowStart() + " to " + event.windowEnd()
                                + " (UTC). During the window " + whoStops(renewal),
                        "whatToDo", "Check that the window suits your operations and accept it as shown below. "
                                + "If it does not suit you, contact the tenant administrator before confirming.",
                        "byWhen", ConfirmationExample.byWhen("Before the window starts at " + event.windowStart()
                                + ".", event.respondBy()),
                        "windowStart", event.windowStart().toString(),
                        "windowEnd", event.windowEnd().toString()),
                List.of(), ConfirmationExample.of(renewal.renewalId(), renewal.partnerId(),
                        ConfirmationType.DOWNTIME_ACCEPTED, event.respondBy()));
    }

    private static String whoStops(KnownRenewal renewal) {
        if (Downtime.tenantStopsSending(renewal.recipient())) {
            return "the tenant sends your " + Salutation.system(renewal.recipient()) + " no messages: its"
                    + " integration developer undeploys " + Downtime.FLOW + " at the window's start and redeploys it"
                    + " once the exchange is done. Your system has nothing to stop.";
        }
        return renewal.renewsPartnersCertificate()
                ? "your " + Salutation.system(renewal.recipient()) + " sends the tenant no messages, so that the tenant"
                + " sends you none while you replace your key pair."
                : "your system sends no signed messages to the tenant.";
    }

    public PartnerMessage agreed(KnownRenewal renewal, DowntimeAgreed event) {
        String agreed = "You accepted the downtime window (confirmation " + event.confirmationId() + "): from "
                + event.windowStart() + " to " + event.windowEnd() + " (UTC).";
        if (Downtime.tenantStopsSending(renewal.recipient())) {
            return agreedWhileTheTenantStops(renewal, event, agreed);
        }
        // the sender stops; an agreement recorded before the awaited step was carried asked for that stop
        ConfirmationType stop = event.awaitedConfirmation() == null ? ConfirmationType.SENDING_STOPPED
                : event.awaitedConfirmation();
        boolean exchangesTheTenantsCertificate = !renewal.renewsPartnersCertificate();
        return PartnerMessage.of(NotificationKind.DOWNTIME_AGREED, renewal.recipient(), PartnerMessage.values(
                        "headline", "Action required at " + event.windowStart() + ": stop sending"
                                + (exchangesTheTenantsCertificate ? " and exchange the certificate" : ""),
                        "whatHappened", agreed,
                        "whatToDo", exchangesTheTenantsCertificate ? """
                                At the start of the window:
                                  1. stop sending signed messages to the tenant and confirm SENDING_STOPPED as
                                     shown below,
                                  2. exchange the tenant's old certificate with the new one (sent to you before) and
                                     confirm CERTIFICATE_EXCHANGED (second example below),
                                  3. then wait: the tenant exchanges its key pair and tells you when to resume
                                     sending.""" : """
                                At the start of the window:
                                  1. stop sending messages to the tenant and confirm %s as shown below,
                                  2. then wait, keeping your old key: the tenant makes sure that no message it \
                                encrypted to your old certificate is still on its way, then asks you for the \
                                certificate of your new key pair.""".formatted(stop),
                        "byWhen", "Stop at " + event.windowStart() + ", not earlier" + (exchangesTheTenantsCertificate
                                ? "; both confirmations before " + event.windowEnd() + "." : "."),
                        "windowStart", event.windowStart().toString(),
                        "windowEnd", event.windowEnd().toString(),
                        "thenConfirmationJson", exchangesTheTenantsCertificate ? ConfirmationExample.of(
                                renewal.renewalId(), renewal.partnerId(), ConfirmationType.CERTIFICATE_EXCHANGED)
                                .example() : null),
                List.of(), ConfirmationExample.of(renewal.renewalId(), renewal.partnerId(), stop,
                        event.respondBy()));
    }

    private static PartnerMessage agreedWhileTheTenantStops(KnownRenewal renewal, DowntimeAgreed event,
                                                            String agreed) {
        String system = Salutation.system(renewal.recipient());
        return PartnerMessage.of(NotificationKind.DOWNTIME_AGREED, renewal.recipient(), PartnerMessage.values(
                        "headline", "Downtime agreed: the tenant stops sending at " + event.windowStart(),
                        "whatHappened", agreed + " The tenant stops sending you messages at its start: its"
                                + " integration developer undeploys " + Downtime.FLOW + ". You are told when it is"
                                + " undeployed.",
                        "whatToDo", "Nothing now, and nothing to stop: keep your " + system + " as it is. "
                                + (renewal.renewsPartnersCertificate()
                                ? "Once the flow is undeployed, the tenant asks you for the certificate of your new"
                                + " key pair; keep your old key until then."
                                : "During the window the tenant exchanges its key pair, then asks you to exchange"
                                + " its old certificate for the new one (sent to you before) in your " + system
                                + "; do not configure it before."),
                        "windowStart", event.windowStart().toString(),
                        "windowEnd", event.windowEnd().toString()),
                List.of(), event.awaitedConfirmation() == null ? null : ConfirmationExample.of(renewal.renewalId(),
                        renewal.partnerId(), event.awaitedConfirmation(), event.respondBy()));
    }

    public PartnerMessage overrun(KnownRenewal renewal, DowntimeOverrun event) {
        String partner = Salutation.words(renewal.recipient()) + " of partner " + renewal.partnerId();
        boolean tenantStopped = Downtime.tenantStopsSending(renewal.recipient());
        return PartnerMessage.of(NotificationKind.DOWNTIME_OVERRUN, PartnerRole.TENANT_ADMINISTRATOR,
                PartnerMessage.values(
                        "whatHappened", "The agreed downtime window of renewal " + renewal.renewalId() + " (alias \""
                                + renewal.alias() + "\", partner " + renewal.partnerId() + ") ended at "
                                + event.windowEnd() + (tenantStopped ? ", and " + Downtime.FLOW + " is not"
                                + " redeployed yet: the tenant still sends the partner nothing."
                                : ", and the sender has not resumed sending."),
                        "whatToDo", tenantStopped
                                ? "Find out what holds the renewal (GET /renewals/" + renewal.renewalId() + " or"
                                + " renewalctl show " + renewal.renewalId() + " names the step it waits for: the"
                                + " partner's, the keystore's or the redeploy), contact the " + partner + " if it is"
                                + " theirs, and have the integration developer redeploy the flow as soon as the"
                                + " renewal allows it. Traffic with this partner is interrupted until then."
                                : "Contact the " + partner + ": find out what blocks the exchange and agree how to go"
                                + " on. Traffic with this partner is interrupted until the sender resumes.",
                        "byWhen", "Now: the window is over.",
                        "windowEnd", event.windowEnd().toString()),
                List.of(), null);
    }
}
