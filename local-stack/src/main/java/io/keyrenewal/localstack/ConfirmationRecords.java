package io.keyrenewal.localstack;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

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
        header(record, ConfirmationSignatures.RECORD_HEADER, key.sign(body));
        header(record, MessageHeaders.ID, confirmation.confirmationId());
        header(record, MessageHeaders.TYPE, PartnerConfirmation.class.getSimpleName());
        header(record, MessageHeaders.SOURCE, "/partners/" + confirmation.partnerId());
        header(record, MessageHeaders.SPEC_VERSION, MessageHeaders.CLOUD_EVENTS_SPEC_VERSION);
        header(record, MessageHeaders.TIME, confirmation.confirmedAt().toString());
        header(record, MessageHeaders.SUBJECT, renewalId);
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
