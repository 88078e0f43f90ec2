package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact partner confirmation a message asks for, with placeholders only where the partner fills in a value: its
 * own id, the time, and for {@link ConfirmationType#NEW_CERTIFICATE} the certificate of its new key pair.
 */
final class ConfirmationExample {

    static final String CONFIRMATION_ID_PLACEHOLDER = "<your unique id>";
    static final String CONFIRMED_AT_PLACEHOLDER = "<ISO-8601 instant>";
    static final String CERTIFICATE_PLACEHOLDER = "<PEM of your new certificate>";

    private ConfirmationExample() {
    }

    static ExpectedConfirmation of(RenewalId renewalId, PartnerId partnerId, ConfirmationType type) {
        return of(renewalId, partnerId, type, null);
    }

    /** With the respond-by date of the event that asks for it (null: none). */
    static ExpectedConfirmation of(RenewalId renewalId, PartnerId partnerId, ConfirmationType type,
                                   Instant respondBy) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("confirmationId", CONFIRMATION_ID_PLACEHOLDER);
        body.put("renewalId", renewalId.value());
        body.put("partnerId", partnerId.value());
        body.put("type", type.name());
        body.put("confirmedAt", CONFIRMED_AT_PLACEHOLDER);
        if (type == ConfirmationType.NEW_CERTIFICATE) {
            body.put("certificate", CERTIFICATE_PLACEHOLDER);
        }
        return new ExpectedConfirmation(Topics.PARTNER_CONFIRMATIONS, type, ContractJson.write(body), respondBy);
    }

    /**
     * The respond-by sentence of a message that asks for a step, or {@code otherwise} when the event set no date:
     * passing the date is what makes the step overdue.
     */
    static String byWhen(Instant respondBy, String otherwise) {
        return respondBy == null ? otherwise : "Respond by " + respondBy + ": after that the step counts as overdue"
                + " and you are reminded.";
    }

    /** {@code text}, followed by the respond-by sentence if the event set a date. */
    static String byWhen(String text, Instant respondBy) {
        return respondBy == null ? text : text + " " + byWhen(respondBy, null);
    }
}
