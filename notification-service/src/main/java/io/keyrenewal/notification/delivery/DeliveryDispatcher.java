package io.keyrenewal.notification.delivery;

import io.keyrenewal.messaging.EventLogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends what the outbox holds as soon as it is queued (the {@link DispatchSignal}), and looks at the outbox every
 * {@code poll-interval} for what fell due later (retries) or was queued before a restart. A batch of due deliveries
 * goes out at once: Kafka sends are all on their way before the first acknowledgement is awaited (in the outbox's
 * order, so per partner in order), and the batch's outcome is recorded in one go. A delivery is SENT once
 * acknowledged; otherwise FAILED and tried again after an exponential backoff; after the last attempt PARKED (see
 * {@link ParkedDeliveries}). Each batch is claimed first ({@link DeliveryLog#claimDue}), so several instances on one
 * database send each delivery once; order per partner holds within an instance, not across instances.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final DeliveryLog deliveryLog;
    private final Map<String, NotificationChannel> channels;
    private final ParkedDeliveries parked;
    private final DeliveryProperties properties;
    private final DispatchSignal signal;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile boolean closing;
    private Thread dispatcher;

    DeliveryDispatcher(DeliveryLog deliveryLog, List<NotificationChannel> channels, ParkedDeliveries parked,
                       DeliveryProperties properties, DispatchSignal signal, Clock clock, MeterRegistry meters) {
        this.deliveryLog = deliveryLog;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.parked = parked;
        this.properties = properties;
        this.signal = signal;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        if (!properties.dispatching() || dispatcher != null) {
            return;
        }
        closing = false;
        dispatcher = new Thread(this::dispatchUntilStopped, "delivery-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Lets the batch on its way finish (its outcome recorded), then stops. */
    @Override
    public synchronized void stop() {
        closing = true;
        if (dispatcher == null) {
            return;
        }
        dispatcher.interrupt();
        try {
            dispatcher.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return dispatcher != null;
    }

    private void dispatchUntilStopped() {
        while (!closing) {
            try {
                if (!dispatchDue()) {
                    signal.await(properties.pollInterval());
                }
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException e) {
                // the database or the broker is away: the outbox keeps everything, look again after a pause
                log.warn("cannot dispatch the due deliveries now, trying again in {}: {}", properties.pollInterval(),
                        e.toString());
                try {
                    signal.await(properties.pollInterval());
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }

    /** Sends one batch of due deliveries; true if the batch was full (more may be due). */
    boolean dispatchDue() {
        Instant now = clock.instant();
        List<PendingDelivery> due = deliveryLog.claimDue(now, properties.batchSize(), now.plus(properties.lease()));
        List<Sending> sending = new ArrayList<>(due.size());
        for (PendingDelivery delivery : due) {
            sending.add(new Sending(delivery, start(delivery)));
        }
        List<PendingDelivery> sent = new ArrayList<>(due.size());
        for (Sending each : sending) {
            String failure = outcome(each.acknowledged());
            if (failure == null) {
                sent.add(each.delivery());
            } else {
                failed(each.delivery(), failure);
            }
        }
        deliveryLog.markSent(sent, clock.instant());
        for (PendingDelivery delivery : sent) {
            count(delivery, "sent");
            try (EventLogContext context = logContext(delivery)) {
                log.info("{} {} of {} sent to the {} over {}", delivery.notification().kind(),
                        delivery.notificationId(), NotificationSubjects.of(delivery.notification()),
                        delivery.notification().recipient(), delivery.channel());
            }
        }
        return due.size() == properties.batchSize();
    }

    /**
     * {@code keyrenewal.notification.deliveries}: each attempt's outcome (sent, failed and tried again, parked) by
     * channel and message kind, counted once its outcome is recorded in the delivery log.
     */
    private void count(PendingDelivery delivery, String outcome) {
        Counter.builder("keyrenewal.notification.deliveries").description("Delivery attempts by outcome")
                .tag("channel", delivery.channel()).tag("kind", String.valueOf(delivery.notification().kind()))
                .tag("outcome", outcome).register(meters).increment();
    }

    private record Sending(PendingDelivery delivery, CompletableFuture<Void> acknowledged) {
    }

    private CompletableFuture<Void> start(PendingDelivery delivery) {
        NotificationChannel channel = channels.get(delivery.channel());
        if (channel == null) {
            return CompletableFuture.failedFuture(new DeliveryFailed("no channel named " + delivery.channel(), null));
        }
        return channel.send(delivery);
    }

    /** null once acknowledged, else why not. */
    private static String outcome(CompletableFuture<Void> acknowledged) {
        try {
            acknowledged.join();
            return null;
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
    }

    private static EventLogContext logContext(PendingDelivery delivery) {
        return NotificationSubjects.logContext(delivery.notification());
    }

    private void failed(PendingDelivery delivery, String reason) {
        try (EventLogContext context = logContext(delivery)) {
            int attempts = delivery.attempts() + 1;
            if (attempts >= properties.maxAttempts()) {
                log.error("{} {} over {} parked after {} attempts: {}", delivery.notification().kind(),
                        delivery.notificationId(), delivery.channel(), attempts, reason);
                parked.parked(delivery, attempts, reason);
                deliveryLog.markParked(delivery, reason);
                count(delivery, "parked");
                return;
            }
            Instant retryAt = clock.instant().plus(properties.backoff().after(attempts));
            deliveryLog.markFailed(delivery, reason, retryAt);
            count(delivery, "failed");
            log.warn("{} {} over {} failed (attempt {} of {}), tried again at {}: {}",
                    delivery.notification().kind(), delivery.notificationId(), delivery.channel(), attempts,
                    properties.maxAttempts(), retryAt, reason);
        }
    }
}
