package io.keyrenewal.notification;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.keyrenewal.notification.TopicRecorder.header;
import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Renewal events the service cannot read or act on go to {@code renewal.events.v1.dlt}, with a reason. */
class RenewalEventsDeadLetterTest extends NotificationServiceContext {

    @Test
    void sendsAMalformedRecordToTheDeadLetterTopicAndCarriesOnWithTheNextOne() {
        publish.rawEvent(renewalId.value(), "this is not json", "broken-" + renewalId);
        publish.event("started-" + renewalId, started());
        publish.event("provided-" + renewalId, provided());

        ConsumerRecord<String, String> deadLetter = published.awaitFirst(Topics.deadLetter(Topics.RENEWAL_EVENTS),
                withHeader(MessageHeaders.ID, "broken-" + renewalId));
        assertThat(deadLetter.key()).isEqualTo(renewalId.value());
        assertThat(deadLetter.value()).isEqualTo("this is not json");
        assertThat(header(deadLetter, MessageHeaders.DEAD_LETTER_REASON)).startsWith("not a valid RenewalEvent");
        awaitNotification(withHeader(MessageHeaders.ID, "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"));
    }

    @Test
    void sendsRecordsItCannotActOnToTheDeadLetterTopicWithAReadableReason() {
        publish.rawEvent(renewalId.value(), ContractJson.write(started()), null);
        publish.rawEvent(renewalId.value(), "{\"type\":\"RenewalPostponed\",\"renewalId\":\"" + renewalId + "\"}",
                "unknown-type-" + renewalId);
        RenewalId neverStarted = new RenewalId("never-started-" + UUID.randomUUID());
        publish.event("switched-" + neverStarted, new PartnerSwitchedToNewKey(neverStarted, partnerId,
                "confirmation-1", Instant.parse("2027-02-20T10:00:00Z"), STARTED_AT));

        await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
            List<String> reasons = published.on(Topics.deadLetter(Topics.RENEWAL_EVENTS),
                            record -> renewalId.value().equals(record.key())
                                    || neverStarted.value().equals(record.key())).stream()
                    .map(record -> header(record, MessageHeaders.DEAD_LETTER_REASON))
                    .toList();
            assertThat(reasons).hasSize(3);
            assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("no ce_id header"));
            assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("RenewalPostponed"));
            assertThat(reasons).anySatisfy(reason -> assertThat(reason)
                    .contains("renewal " + neverStarted + " is unknown"));
        });
    }
}
