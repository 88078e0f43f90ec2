package io.keyrenewal.notification.directory;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Builds the contact book from the compacted topic {@code partner.directory.v1} (key: partner id): the latest entry
 * of a partner wins, a redelivered or older entry changes nothing, a tombstone removes the partner. A record it cannot
 * read goes to the dead-letter topic.
 */
@Component
class PartnerDirectoryListener {

    private static final Logger log = LoggerFactory.getLogger(PartnerDirectoryListener.class);

    private final ContactBook contactBook;

    PartnerDirectoryListener(ContactBook contactBook) {
        this.contactBook = contactBook;
    }

    @KafkaListener(id = "partner-directory", idIsGroup = false, topics = Topics.PARTNER_DIRECTORY)
    void on(ConsumerRecord<String, String> record) {
        if (record.key() == null || record.key().isBlank()) {
            throw new MalformedMessage("a partner directory record needs the partner id as its key", null);
        }
        PartnerId partnerId = new PartnerId(record.key());
        if (record.value() == null) {
            contactBook.forget(partnerId);
            log.info("partner {} removed from the directory: forgotten", partnerId);
            return;
        }
        PartnerDirectoryEntry entry = ContractJson.read(record.value(), PartnerDirectoryEntry.class);
        if (!entry.partnerId().equals(partnerId)) {
            throw new MalformedMessage("the record key " + partnerId + " is not the entry's partnerId "
                    + entry.partnerId(), null);
        }
        boolean changed = contactBook.keep(entry);
        log.info("partner {} ({}) of {}: {}; channels kafka={} email={} webhook={}", partnerId, entry.name(),
                entry.updatedAt(), changed ? "kept" : "not newer than the kept entry, ignored",
                entry.channels().kafka(), entry.channels().email(), entry.channels().webhookUrl() != null);
    }
}
