package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.NotificationProperties;
import io.keyrenewal.notification.template.MessageTemplates;
import io.keyrenewal.notification.template.RenderedMessage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When a delivery is given up, then the message goes to {@code partner.notifications.v1.dlt} with the reason, and the
 * tenant administrator is alerted (template {@code delivery-parked}), unless the parked message was itself for the
 * tenant administrator.
 *
 * <p>Written here, not by service-messaging's consumer error handler: a parked delivery is no record a listener failed
 * on but an outbox row whose delivery attempts ran out (DeliveryDispatcher), so it has no original partition and is
 * keyed by partner, like its topic.
 */
@Component
class ParkedDeliveries {

    static final String ALERT_TEMPLATE = "delivery-parked";
    private static final Logger log = LoggerFactory.getLogger(ParkedDeliveries.class);

    private final KafkaTemplate<String, String> kafka;
    private final MessageTemplates templates;
    private final NotificationOutbox outbox;
    private final Clock clock;
    private final Duration sendTimeout;

    ParkedDeliveries(KafkaTemplate<String, String> kafka, MessageTemplates templates, NotificationOutbox outbox,
                     Clock clock, NotificationProperties properties) {
        this.kafka = kafka;
        this.templates = templates;
        this.outbox = outbox;
        this.clock = clock;
        this.sendTimeout = properties.sendTimeout();
    }

    void parked(PendingDelivery delivery, int attempts, String reason) {
        String why = delivery.channel() + " delivery failed " + attempts + " times, last: " + reason;
        deadLetter(delivery, why);
        PartnerNotification notification = delivery.notification();
        if (notification.recipient() == PartnerRole.TENANT_ADMINISTRATOR) {
            log.error("an alert for the tenant administrator could not be delivered over {}: {}", delivery.channel(),
                    reason);
            return;
        }
        alertTheTenant(delivery, attempts, reason);
    }

    private void deadLetter(PendingDelivery delivery, String why) {
        PartnerNotification notification = delivery.notification();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.deadLetter(Topics.PARTNER_NOTIFICATIONS),
                NotificationSubjects.recordKey(notification), ContractJson.write(notification));
        CloudEventHeaders.write(record.headers(), notification.notificationId() + "/" + delivery.channel(),
                PartnerNotification.class, KafkaNotificationChannel.SOURCE, clock.instant(),
                NotificationSubjects.ceSubject(notification));
        CloudEventHeaders.add(record.headers(), MessageHeaders.DEAD_LETTER_REASON, why);
        try {
            kafka.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while dead-lettering " + notification.notificationId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeliveryFailed("could not dead-letter " + notification.notificationId() + ": " + e, e);
        }
    }

    private void alertTheTenant(PendingDelivery delivery, int attempts, String reason) {
        PartnerNotification parked = delivery.notification();
        Map<String, String> values = Map.of(
                "salutation", "Hello tenant administrator,",
                "partnerId", parked.partnerId().value(),
                "renewalId", parked.renewalId().value(),
                "channel", delivery.channel(),
                "whatHappened", "The message \"" + parked.subject() + "\" (" + parked.kind() + ", id "
                        + parked.notificationId() + ") to the " + parked.recipient() + " of partner "
                        + parked.partnerId() + " could not be delivered over " + delivery.channel() + ": " + attempts
                        + " attempts failed, the last with: " + reason,
                "whatToDo", "Make sure the partner gets it: fix the channel (e.g. the partner's webhook or its "
                        + "directory entry) or send it another way. The message is on "
                        + Topics.deadLetter(Topics.PARTNER_NOTIFICATIONS) + " and in the delivery log (GET "
                        + "/notifications?renewalId=" + parked.renewalId() + "). Its text follows:\n\n"
                        + parked.body(),
                "byWhen", "Now: the renewal waits for the partner, who does not know yet.");
        RenderedMessage rendered = templates.render(ALERT_TEMPLATE, values);
        outbox.queue(new PartnerNotification(parked.notificationId() + "/" + delivery.channel() + ":parked:"
                        + PartnerRole.TENANT_ADMINISTRATOR, parked.partnerId(), parked.renewalId(),
                PartnerRole.TENANT_ADMINISTRATOR, NotificationKind.STEP_ESCALATED, rendered.subject(),
                rendered.text(), List.of(), null, parked.notificationId(), clock.instant(), parked.alias()), rendered.html());
    }
}
