package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exact partner confirmation a message asks for, with placeholders only where the partner fills in a value. */
final class ConfirmationExample {

    static final String CONFIRMATION_ID_PLACEHOLDER = "<your unique id>";
    static final String CONFIRMED_AT_PLACEHOLDER = "<ISO-8601 instant>";

    private ConfirmationExample() {
    }

    static ExpectedConfirmation of(RenewalId renewalId, PartnerId partnerId, ConfirmationType type) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("confirmationId", CONFIRMATION_ID_PLACEHOLDER);
        body.put("renewalId", renewalId.value());
        body.put("partnerId", partnerId.value());
        body.put("type", type.name());
        body.put("confirmedAt", CONFIRMED_AT_PLACEHOLDER);
        return new ExpectedConfirmation(Topics.PARTNER_CONFIRMATIONS, type, ContractJson.write(body));
    }
}
