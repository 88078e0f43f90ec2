package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The confirmation the recipient is asked to publish: on {@code topic}, a {@link PartnerConfirmation} of
 * {@code type}; {@code example} is the exact JSON body (with the record key = renewal id).
 *
 * @param respondBy by when the renewal expects it (as a Certificate Exchange Messaging request's respond-by date):
 *                  after it the step counts as overdue and the partner is reminded; null if the message sets none
 */
public record ExpectedConfirmation(String topic, ConfirmationType type, String example, Instant respondBy) {

    public ExpectedConfirmation {
        Require.text(topic, "expectedConfirmation.topic");
        Require.present(type, "expectedConfirmation.type");
        Require.text(example, "expectedConfirmation.example");
    }

    /** Without a respond-by date. */
    public ExpectedConfirmation(String topic, ConfirmationType type, String example) {
        this(topic, type, example, null);
    }
}
