package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerChannels;
import io.keyrenewal.contracts.partner.PartnerContact;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.directory.ContactBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a message to a role goes: the channels the partner chose in the directory (Kafka, e-mail to the contact of
 * that role, webhook), the tenant's own contact for the tenant administrator. A partner not in the directory, or
 * one with no usable channel, is reached on Kafka only, with a warning.
 */
@Component
class Recipients {

    private static final Logger log = LoggerFactory.getLogger(Recipients.class);
    private static final Address KAFKA = new Address(Address.KAFKA, Topics.PARTNER_NOTIFICATIONS);

    private final ContactBook contactBook;
    private final TenantContact tenant;
    private final EmailProperties email;

    Recipients(ContactBook contactBook, TenantContact tenant, EmailProperties email) {
        this.contactBook = contactBook;
        this.tenant = tenant;
        this.email = email;
    }

    List<Address> addressesOf(PartnerId partnerId, PartnerRole role) {
        if (role == PartnerRole.TENANT_ADMINISTRATOR) {
            return email.enabled() && tenant.hasEmail() ? List.of(KAFKA, new Address(Address.EMAIL, tenant.email()))
                    : List.of(KAFKA);
        }
        Optional<PartnerDirectoryEntry> entry = contactBook.find(partnerId);
        if (entry.isEmpty()) {
            log.warn("partner {} is not in the partner directory: its {} is told on Kafka only", partnerId, role);
            return List.of(KAFKA);
        }
        PartnerChannels channels = entry.get().channels();
        List<Address> addresses = new ArrayList<>();
        if (channels.kafka()) {
            addresses.add(KAFKA);
        }
        if (channels.email()) {
            Optional<String> mailbox = entry.get().contacts().stream()
                    .filter(contact -> contact.role() == role)
                    .map(PartnerContact::email)
                    .filter(address -> address != null && !address.isBlank())
                    .findFirst();
            if (mailbox.isEmpty()) {
                log.warn("partner {} wants e-mail but names no e-mail address for its {}", partnerId, role);
            } else if (!email.enabled()) {
                log.warn("partner {} wants e-mail, but e-mail is not enabled here (NOTIFICATION_EMAIL_ENABLED)",
                        partnerId);
            } else {
                addresses.add(new Address(Address.EMAIL, mailbox.get()));
            }
        }
        if (channels.webhookUrl() != null && !channels.webhookUrl().isBlank()) {
            addresses.add(new Address(Address.WEBHOOK, channels.webhookUrl()));
        }
        if (addresses.isEmpty()) {
            log.warn("partner {} has no usable channel for its {}: told on Kafka only", partnerId, role);
            return List.of(KAFKA);
        }
        return addresses;
    }
}
