package io.keyrenewal.notification;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerChannels;
import io.keyrenewal.contracts.partner.PartnerContact;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.directory.ContactBook;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.keyrenewal.notification.TopicRecorder.header;
import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The contact book the service keeps from the partner directory topic. */
class PartnerDirectoryTest extends NotificationServiceContext {

    @Autowired
    ContactBook contactBook;

    @Test
    void buildsTheContactBookFromThePartnerDirectoryTopicAndForgetsARemovedPartner() {
        PartnerDirectoryEntry hooli = new PartnerDirectoryEntry(new PartnerId("hooli"), "Hooli",
                List.of(new PartnerContact(PartnerRole.SENDER_ADMINISTRATOR, "Sam Sender", "sam@hooli.example")),
                new PartnerChannels(true, true, null), true, Instant.parse("2026-11-01T00:00:00Z"));
        publish.directoryEntry(hooli);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactBook.find(hooli.partnerId()).isPresent());
        assertThat(contactBook.find(hooli.partnerId())).contains(hooli);

        publish.directoryTombstone("hooli");
        await().atMost(Duration.ofSeconds(30)).until(() -> contactBook.find(hooli.partnerId()).isEmpty());
    }

    @Test
    void sendsADirectoryRecordWhoseKeyIsNotItsPartnerToTheDeadLetterTopicAndKeepsNothing() {
        PartnerDirectoryEntry stark = new PartnerDirectoryEntry(new PartnerId("stark"), "Stark",
                List.of(), new PartnerChannels(true, false, null), false, Instant.parse("2026-11-01T00:00:00Z"));
        String id = "directory-" + UUID.randomUUID();

        publish.directoryRecord("wayne", ContractJson.write(stark), id);

        ConsumerRecord<String, String> deadLetter = published.awaitFirst(Topics.deadLetter(Topics.PARTNER_DIRECTORY),
                withHeader(MessageHeaders.ID, id));
        assertThat(header(deadLetter, MessageHeaders.DEAD_LETTER_REASON))
                .isEqualTo("the record key wayne is not the entry's partnerId stark");
        assertThat(contactBook.find(new PartnerId("stark"))).isEmpty();
        assertThat(contactBook.find(new PartnerId("wayne"))).isEmpty();
    }

    @Test
    void keepsOnlyTheLatestDirectoryEntryOfAPartnerHoweverOftenAndInWhateverOrderItArrives() {
        PartnerId umbrella = new PartnerId("umbrella-" + UUID.randomUUID().toString().substring(0, 8));
        PartnerDirectoryEntry older = entry(umbrella, "old@umbrella.example", "2026-11-01T00:00:00Z");
        PartnerDirectoryEntry newer = entry(umbrella, "new@umbrella.example", "2026-11-02T00:00:00Z");

        assertThat(contactBook.keep(newer)).isTrue();
        assertThat(contactBook.keep(older)).isFalse();
        assertThat(contactBook.keep(newer)).isFalse();

        assertThat(contactBook.find(umbrella)).contains(newer);
    }

    private static PartnerDirectoryEntry entry(PartnerId partnerId, String email, String updatedAt) {
        return new PartnerDirectoryEntry(partnerId, "Umbrella",
                List.of(new PartnerContact(PartnerRole.SENDER_ADMINISTRATOR, "Sam Sender", email)),
                new PartnerChannels(true, true, null), false, Instant.parse(updatedAt));
    }
}
