package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@link NotificationKind#STEP_REFUSED}: the partner refused its step; the tenant administrator is told the partner's
 * reason and what the renewal still allows. A renewal does not generate a second key pair, so another certificate
 * means aborting and starting a new renewal of the alias, which the renewal allows only before the exchange is decided
 * and, in playbook 3, not once the receiver has the certificate (the new key pair decrypts already and stays). A
 * renewal of the partner's certificate can be aborted until the import; a refused switch after it leaves both of the
 * partner's keys working (verified, or decrypting). After the exchange of the key pair, or the import of the partner's
 * certificate, in a renewal with a downtime, the renewal can only wait for the partner: traffic waits with it.
 */
@Component
public class StepRefusedMessage {

    public PartnerMessage compose(KnownRenewal renewal, PartnerRefusedStep event) {
        String id = renewal.renewalId().value();
        return PartnerMessage.of(NotificationKind.STEP_REFUSED, PartnerRole.TENANT_ADMINISTRATOR,
                PartnerMessage.values(
                        "whatHappened", "The " + Salutation.words(renewal.recipient()) + " of partner "
                                + renewal.partnerId() + " refused to " + PartnerSteps.describe(event.step(), renewal)
                                + " (" + event.step() + ") in renewal " + id + " (alias \"" + renewal.alias() + "\"), "
                                + "saying: \"" + event.reason() + "\"" + (event.code() == null ? ""
                                : " (code " + event.code() + ")") + ". The step stays awaited: the partner may still"
                                + " confirm it, but is no longer reminded.",
                        "whatToDo", whatToDo(renewal, event),
                        "byWhen", "Now: the renewal waits for your decision or the partner's confirmation.",
                        "refusedStep", event.step().name(),
                        "refusalReason", event.reason(),
                        "refusalCode", event.code()),
                List.of(), null);
    }

    private static String whatToDo(KnownRenewal renewal, PartnerRefusedStep event) {
        String id = renewal.renewalId().value();
        String agree = "agree with the partner what it needs, so that it confirms " + event.step() + " after all;"
                + " the renewal then goes on where it stands.";
        String abort = "POST /renewals/" + id + "/abort with the reason (renewalctl abort " + id + " --reason ...)";
        return switch (event.step()) {
            case VERIFIES_BOTH, DOWNTIME_ACCEPTED, SENDING_STOPPED, CERTIFICATE_EXCHANGED ->
                    renewal.renewsPartnersCertificate() ? notImportedYet(renewal, abort, agree)
                            : renewal.keyPairExchanged() ? noWayBack(renewal, agree) : """
                    Either
                      - provide another certificate: abort this renewal, %s; the keystore discards the new key pair \
                    and the old one stays active. Then start a new renewal of the alias (POST /renewals) with what \
                    the partner asks for (keyAlgorithm, subjectDn, validityDays, certificateSource); a renewal does \
                    not generate a second key pair itself,
                      - or abort it only, if the renewal is not needed now,
                      - or %s""".formatted(abort, agree);
            case OLD_CERTIFICATE_REMOVED -> """
                    The key pair is exchanged already, so the renewal can no longer be aborted. Either
                      - roll it back if the partner cannot verify the new key: POST /renewals/%s/rollback with the \
                    reason; the old key pair signs again (the partner still has the old certificate),
                      - or %s""".formatted(id, agree);
            case SENDING_RESUMED -> noWayBack(renewal, agree);
            case NEW_CERTIFICATE -> notImportedYet(renewal, abort, agree);
            case SWITCHED_TO_NEW_KEY -> renewal.renewsPartnersCertificate() ? """
                    The tenant imported the partner's new certificate already, so the renewal can no longer be \
                    aborted; it goes on only once the partner confirms SWITCHED_TO_NEW_KEY. Nothing is interrupted \
                    meanwhile: %s, and the tenant removes the old certificate only after the switch and the \
                    retention period. Contact the %s of partner %s and %s""".formatted(renewal.encryptsToPartner()
                            ? "the tenant encrypts to the partner's new certificate, which the partner decrypts with"
                            + " its new key beside its old one"
                            : "the tenant verifies the partner's signatures with its old certificate and with its new"
                            + " one", Salutation.words(renewal.recipient()), renewal.partnerId(), agree)
                    : """
                    The receiver has the new certificate and the new key pair already decrypts beside the old one, \
                    so the renewal cannot be aborted and another certificate needs a new renewal after this one \
                    ends. The old key keeps decrypting meanwhile. Contact the receiver administrator and %s""".formatted(
                    agree);
        };
    }

    /** A renewal of the partner's certificate before the import: nothing of the new certificate is used yet. */
    private static String notImportedYet(KnownRenewal renewal, String abort, String agree) {
        return """
                The partner has not sent a new certificate, so nothing changed on either side: the tenant still \
                uses the partner's current certificate.%s Either
                  - abort this renewal if the partner cannot renew its key pair now: %s; start a new renewal of \
                the alias (POST /renewals) when it can,
                  - or %s""".formatted(renewal.downtimeAgreed() ? " Traffic with this partner stays stopped for the"
                + " agreed downtime until the renewal goes on or is aborted." : "", abort, agree);
    }

    /** After the exchange (or the import) in a downtime: no abort, no rollback, traffic waits for the step. */
    private static String noWayBack(KnownRenewal renewal, String agree) {
        return """
                %s already and this playbook has no rollback, so the renewal can be neither aborted nor rolled \
                back: contact the %s now, traffic with this partner is interrupted until %s. Then %s""".formatted(
                renewal.renewsPartnersCertificate() ? "The partner's new certificate is imported"
                        : "The key pair is exchanged",
                Salutation.words(renewal.recipient()),
                Downtime.tenantStopsSending(renewal.recipient())
                        ? Downtime.FLOW + " is redeployed, which the renewal allows once the partner confirms"
                        : "it resumes", agree);
    }
}
