package io.keyrenewal.notification.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends what the outbox holds when it is due, one delivery at a time: SENT once acknowledged; otherwise FAILED and
 * tried again after an exponential backoff; after the last attempt PARKED (see {@link ParkedDeliveries}). What was
 * queued before a restart is sent after it.
 */
@Component
class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryLog deliveryLog;
    private final Map<String, NotificationChannel> channels;
    private final ParkedDeliveries parked;
    private final DeliveryProperties properties;
    private final Clock clock;
    private volatile boolean closing;

    DeliveryDispatcher(DeliveryLog deliveryLog, List<NotificationChannel> channels, ParkedDeliveries parked,
                       DeliveryProperties properties, Clock clock) {
        this.deliveryLog = deliveryLog;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.parked = parked;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ContextClosedEvent.class)
    void stopDispatching() {
        closing = true;
    }

    @Scheduled(fixedDelayString = "${keyrenewal.notification.delivery.poll-interval}")
    void dispatchDue() {
        if (!properties.dispatching() || closing) {
            return;
        }
        for (PendingDelivery delivery : deliveryLog.due(clock.instant(), properties.batchSize())) {
            if (closing) {
                return;
            }
            MDC.put("renewalId", delivery.notification().renewalId().value());
            try {
                dispatch(delivery);
            } finally {
                MDC.remove("renewalId");
            }
        }
    }

    private void dispatch(PendingDelivery delivery) {
        NotificationChannel channel = channels.get(delivery.channel());
        try {
            if (channel == null) {
                throw new DeliveryFailed("no channel named " + delivery.channel(), null);
            }
            channel.deliver(delivery);
        } catch (RuntimeException e) {
            failed(delivery, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        deliveryLog.markSent(delivery, clock.instant());
        log.info("{} {} of renewal {} sent to the {} of partner {} over {}", delivery.notification().kind(),
                delivery.notificationId(), delivery.notification().renewalId(), delivery.notification().recipient(),
                delivery.notification().partnerId(), delivery.channel());
    }

    private void failed(PendingDelivery delivery, String reason) {
        int attempts = delivery.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            log.error("{} {} over {} parked after {} attempts: {}", delivery.notification().kind(),
                    delivery.notificationId(), delivery.channel(), attempts, reason);
            parked.parked(delivery, attempts, reason);
            deliveryLog.markParked(delivery, reason);
            return;
        }
        Instant retryAt = clock.instant().plus(properties.backoff().after(attempts));
        deliveryLog.markFailed(delivery, reason, retryAt);
        log.warn("{} {} over {} failed (attempt {} of {}), tried again at {}: {}", delivery.notification().kind(),
                delivery.notificationId(), delivery.channel(), attempts, properties.maxAttempts(), retryAt, reason);
    }
}
