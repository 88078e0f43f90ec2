package io.keyrenewal.renewal.support;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Records as the keystore service or a partner system publish them. */
public final class Records {

    private Records() {
    }

    public static ProducerRecord<String, String> record(String topic, String key, Object body) {
        return raw(topic, key, ContractJson.write(body), body.getClass().getSimpleName());
    }

    public static ProducerRecord<String, String> raw(String topic, String key, String body, String type) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, body);
        record.headers().add(new RecordHeader(MessageHeaders.ID, UUID.randomUUID().toString()
                .getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(MessageHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
