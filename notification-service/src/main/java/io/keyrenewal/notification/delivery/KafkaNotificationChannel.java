package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.notification.NotificationProperties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes messages on {@code partner.notifications.v1}, key = partner id, with the CloudEvents headers; the
 * notification id is the {@code ce_id}, so partner systems can drop a repeated message.
 */
@Component
class KafkaNotificationChannel implements NotificationChannel {

    static final String SOURCE = "/keyrenewal/notification-service";

    private final KafkaTemplate<String, String> kafka;
    private final Duration sendTimeout;

    KafkaNotificationChannel(KafkaTemplate<String, String> kafka, NotificationProperties properties) {
        this.kafka = kafka;
        this.sendTimeout = properties.sendTimeout();
    }

    @Override
    public String name() {
        return Address.KAFKA;
    }

    @Override
    public void deliver(PendingDelivery delivery) {
        try {
            send(delivery).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while sending " + delivery.notificationId(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof DeliveryFailed failed ? failed
                    : new DeliveryFailed(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** Sends without waiting: many messages are on their way at once, in the order they were sent per partner. */
    @Override
    public CompletableFuture<Void> send(PendingDelivery delivery) {
        PartnerNotification notification = delivery.notification();
        ProducerRecord<String, String> record = new ProducerRecord<>(delivery.address().destination(),
                NotificationSubjects.recordKey(notification), ContractJson.write(notification));
        CloudEventHeaders.write(record.headers(), notification.notificationId(), PartnerNotification.class, SOURCE,
                notification.at(), NotificationSubjects.ceSubject(notification));
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            kafka.send(record).orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((result, failure) -> {
                        if (failure == null) {
                            acknowledged.complete(null);
                        } else {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure;
                            acknowledged.completeExceptionally(new DeliveryFailed("Kafka did not acknowledge "
                                    + notification.notificationId() + " within " + sendTimeout + ": " + cause,
                                    cause));
                        }
                    });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(new DeliveryFailed("Kafka refused " + notification.notificationId()
                    + ": " + e, e));
        }
        return acknowledged;
    }
}
