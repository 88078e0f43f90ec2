package io.keyrenewal.contracts;

import io.keyrenewal.contracts.partner.PartnerNotification;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The headers on the wire, as docs/events.md names them: UTF-8 strings, in a fixed order. */
class CloudEventHeadersTest {

    @Test
    void writesTheCloudEventsHeadersInOrderAsUtf8() {
        Headers headers = CloudEventHeaders.write(new RecordHeaders(), "n-1", PartnerNotification.class,
                "/keyrenewal/notification-service", Instant.parse("2026-12-05T12:00:00.500Z"), "r-ü");
        CloudEventHeaders.add(headers, MessageHeaders.SEQUENCE, "7");

        assertThat(StreamSupport.stream(headers.spliterator(), false))
                .extracting(Header::key, header -> new String(header.value(), StandardCharsets.UTF_8))
                .containsExactly(
                        tuple("ce_id", "n-1"),
                        tuple("ce_type", "PartnerNotification"),
                        tuple("ce_source", "/keyrenewal/notification-service"),
                        tuple("ce_specversion", "1.0"),
                        tuple("ce_time", "2026-12-05T12:00:00.500Z"),
                        tuple("ce_subject", "r-ü"),
                        tuple("ce_sequence", "7"));
    }

    @Test
    void readsTheLastHeaderOfANameAndNothingForOneWithoutAValue() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.add(headers, MessageHeaders.ID, "first");
        CloudEventHeaders.add(headers, MessageHeaders.ID, "last");
        headers.add(MessageHeaders.TYPE, null);

        assertThat(CloudEventHeaders.read(headers, MessageHeaders.ID)).contains("last");
        assertThat(CloudEventHeaders.read(headers, MessageHeaders.TYPE)).isEmpty();
        assertThat(CloudEventHeaders.read(headers, MessageHeaders.SUBJECT)).isEmpty();
    }
}
