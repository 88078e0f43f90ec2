package io.keyrenewal.contracts;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes and reads the headers of a Kafka record ({@link MessageHeaders}), values as UTF-8 strings: every service,
 * the local stack and renewalctl do it here. Hand-written rather than the CloudEvents SDK's Kafka binding, which
 * writes {@code ce_time} in another format ({@code 12:00:00.5Z} where {@link Instant} writes {@code 12:00:00.500Z})
 * and wants {@code byte[]} record values: the wire format and the services' String templates would change.
 */
public final class CloudEventHeaders {

    private CloudEventHeaders() {
    }

    /**
     * Adds {@code ce_id}, {@code ce_type} (the body's simple class name), {@code ce_source}, {@code ce_specversion}
     * ({@value MessageHeaders#CLOUD_EVENTS_SPEC_VERSION}), {@code ce_time} (ISO-8601) and {@code ce_subject}, in
     * this order.
     */
    public static Headers write(Headers headers, String id, Class<?> type, String source, Instant time,
                                String subject) {
        add(headers, MessageHeaders.ID, id);
        add(headers, MessageHeaders.TYPE, type.getSimpleName());
        add(headers, MessageHeaders.SOURCE, source);
        add(headers, MessageHeaders.SPEC_VERSION, MessageHeaders.CLOUD_EVENTS_SPEC_VERSION);
        add(headers, MessageHeaders.TIME, time.toString());
        return add(headers, MessageHeaders.SUBJECT, subject);
    }

    /** Adds one header, its value as UTF-8. */
    public static Headers add(Headers headers, String name, String value) {
        return headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the last header of this name; empty when there is none or it has no value. */
    public static Optional<String> read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
