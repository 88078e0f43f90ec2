package io.keyrenewal.renewal.messaging;

import io.keyrenewal.contracts.MalformedMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** Checks shared by this service's listeners. */
public final class IncomingRecords {

    private IncomingRecords() {
    }

    /** The record key must name the renewal the body is about (Kafka orders per key). */
    public static void requireKeyMatches(ConsumerRecord<String, String> record, String renewalId) {
        if (!renewalId.equals(record.key())) {
            throw new MalformedMessage("record key '" + record.key() + "' does not match renewalId '" + renewalId
                    + "' of the body", null);
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
