package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@link NotificationKind#KEYSTORE_STEP_FAILED}: the keystore could not carry out a step, so the renewal waits; the
 * tenant administrator is told why and what the ways out are: at the first failure of a series, and when the renewal
 * stops retrying it by itself (the failures between are in the history and on the dashboard).
 */
@Component
public class KeystoreFailureMessage {

    /** The keystore's import of the partner's new certificate (the renewal may be aborted until it is done). */
    private static final String IMPORT = "IMPORT";

    /** The first failure since the keystore's steps last succeeded, or the last the renewal retries by itself. */
    public boolean tellsTheTenant(KeystoreFailureRecorded event) {
        return event.automaticRetries() == 0 || event.nextRetryAt() == null;
    }

    public PartnerMessage compose(KnownRenewal renewal, KeystoreFailureRecorded event) {
        String id = renewal.renewalId().value();
        String whatToDo = """
                Find the cause in the reason above (the keystore-service log has the details), then:
                  - retry the step: POST /renewals/%s/keystore-retry (renewalctl keystore-retry %s); the keystore \
                carries it out again as it was decided,
                  - or, %s""".formatted(id, id, otherWayOut(renewal, event.operation()));
        return PartnerMessage.of(NotificationKind.KEYSTORE_STEP_FAILED, PartnerRole.TENANT_ADMINISTRATOR,
                PartnerMessage.values(
                        "whatHappened", whatHappened(renewal, event),
                        "whatToDo", whatToDo,
                        "byWhen", event.nextRetryAt() == null
                                ? "Now: the renewal does not go on by itself" + (event.automaticRetries() > 0
                                ? " (it retried the step " + event.automaticRetries() + " times)." : ".")
                                : "The renewal retries the step by itself at " + event.nextRetryAt() + " and a few"
                                + " more times, further apart; you are told again if it still fails after the last."
                                + " Act before if you know it cannot succeed.",
                        "operation", event.operation()),
                List.of(), null);
    }

    private static String whatHappened(KnownRenewal renewal, KeystoreFailureRecorded event) {
        boolean imports = IMPORT.equals(event.operation());
        return (imports ? "The keystore could not import the partner's new certificate (" + IMPORT + ")"
                : "The keystore could not carry out " + event.operation())
                + " for renewal " + renewal.renewalId() + " (alias \"" + renewal.alias() + "\", partner "
                + renewal.partnerId() + "): " + event.reason() + ". The renewal waits until the step is done."
                + (!imports ? "" : renewal.encryptsToPartner()
                ? " The tenant still encrypts what it sends the partner to its current certificate."
                : " The tenant still verifies the partner's signatures with its current certificate.");
    }

    private static String otherWayOut(KnownRenewal renewal, String operation) {
        String id = renewal.renewalId().value();
        return switch (operation) {
            case "REMOVE" -> (renewal.renewsPartnersCertificate()
                    ? "if the partner's old certificate may stay in the keystore"
                    : "if the old key pair may stay archived") + ", settle it: POST /renewals/" + id
                    + "/keystore-resolution with a reason (renewalctl keystore-resolve " + id + " --reason ...);"
                    + " the renewal then completes.";
            case "GENERATE", "EXCHANGE" -> "if the renewal cannot go on, abort it: POST /renewals/" + id
                    + "/abort (the keys stay as they were before the renewal).";
            case IMPORT -> "if the certificate cannot be imported as it is, abort the renewal: POST /renewals/" + id
                    + "/abort with the reason (renewalctl abort " + id + " --reason ...); the keystore keeps the"
                    + " partner's current certificate and the partner is told "
                    + (renewal.encryptsToPartner() ? "that the tenant goes on encrypting to it" :
                    "to keep signing with its old key") + ". Start a new renewal of the alias (POST /renewals) to"
                    + " ask the partner for another certificate.";
            default -> "if retrying cannot help, contact the operators of the keystore.";
        };
    }
}
