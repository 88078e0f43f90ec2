package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.Require;

/**
 * The confirmation the recipient is asked to publish: on {@code topic}, a {@link PartnerConfirmation} of
 * {@code type}; {@code example} is the exact JSON body (with the record key = renewal id).
 */
public record ExpectedConfirmation(String topic, ConfirmationType type, String example) {

    public ExpectedConfirmation {
        Require.text(topic, "expectedConfirmation.topic");
        Require.present(type, "expectedConfirmation.type");
        Require.text(example, "expectedConfirmation.example");
    }
}
