package io.keyrenewal.localstack;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The record a partner system publishes to confirm its step, as docs/partners.md ("How a partner confirms") says. */
public final class ConfirmationRecords {

    private ConfirmationRecords() {
    }

    /**
     * {@code confirmation} on {@code renewal.partner-confirmations.v1}: key = renewal id, the JSON body signed with
     * {@code key} (detached JWS in {@code keyrenewal_signature}) and the {@code ce_*} headers.
     */
    public static ProducerRecord<String, String> signed(PartnerConfirmation confirmation, DemoPartnerKey key) {
        String body = ContractJson.write(confirmation);
        String renewalId = confirmation.renewalId().value();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PARTNER_CONFIRMATIONS, renewalId, body);
        CloudEventHeaders.add(record.headers(), ConfirmationSignatures.RECORD_HEADER, key.sign(body));
        CloudEventHeaders.write(record.headers(), confirmation.confirmationId(), PartnerConfirmation.class,
                "/partners/" + confirmation.partnerId(), confirmation.confirmedAt(), renewalId);
        return record;
    }
}
