package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.notification.directory.ContactBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the outbox queues goes out at once: queuing wakes the dispatcher, whose next look at the outbox is an hour away
 * here. (The service's test context looks every 100 ms, for the retries it tests, so it cannot show this.)
 */
class DeliveryDispatcherTest {

    private static final DeliveryProperties LOOK_HOURLY = new DeliveryProperties(true, Duration.ofHours(1), 50,
            Duration.ofMinutes(1), 3, new DeliveryProperties.Backoff(Duration.ofSeconds(1), 2, Duration.ofMinutes(1)),
            Duration.ofSeconds(5));

    private final InMemoryOutbox deliveryLog = new InMemoryOutbox();
    private final List<PendingDelivery> sentOnKafka = new CopyOnWriteArrayList<>();
    private final DispatchSignal signal = new DispatchSignal();
    private final NotificationOutbox outbox = new NotificationOutbox(deliveryLog,
            new Recipients(new NoPartners(), new TenantContact(null), new EmailProperties(false, null)), signal,
            Clock.systemUTC());
    private final DeliveryDispatcher dispatcher = new DeliveryDispatcher(deliveryLog, List.of(kafka()), null,
            LOOK_HOURLY, signal, Clock.systemUTC(), new SimpleMeterRegistry());

    @AfterEach
    void stopDispatching() {
        dispatcher.stop();
    }

    @Test
    void sendsWhatIsQueuedAtOnceThoughItsNextLookAtTheOutboxIsAnHourAway() {
        dispatcher.start();
        // it looks at the outbox once as it starts; then it waits for a signal or the next look
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveryLog.looks() == 1);

        outbox.queue(new PartnerNotification("provided-1:RECEIVER_ADMINISTRATOR", new PartnerId("acme"),
                new RenewalId("renewal-1"), PartnerRole.RECEIVER_ADMINISTRATOR, NotificationKind.CERTIFICATE_PROVIDED,
                "New certificate", "Hello", List.of(), null, "provided-1", Instant.now(), "decryptor"),
                "<p>Hello</p>");

        await().atMost(Duration.ofSeconds(10)).until(() -> !sentOnKafka.isEmpty());
        assertThat(sentOnKafka).extracting(PendingDelivery::notificationId)
                .containsExactly("provided-1:RECEIVER_ADMINISTRATOR");
        assertThat(deliveryLog.looks()).as("the look the signal woke, not the hourly one").isEqualTo(2);
    }

    private NotificationChannel kafka() {
        return new NotificationChannel() {
            @Override
            public String name() {
                return Address.KAFKA;
            }

            @Override
            public void deliver(PendingDelivery delivery) {
                sentOnKafka.add(delivery);
            }
        };
    }

    /** The outbox in memory: what is queued is due at once; it counts the dispatcher's looks. */
    private static final class InMemoryOutbox implements DeliveryLog {

        private final List<PendingDelivery> queued = new ArrayList<>();
        private int looks;

        @Override
        public synchronized void enqueue(PartnerNotification notification, String html, List<Address> addresses,
                                         Instant now) {
            addresses.forEach(address -> queued.add(new PendingDelivery(notification, html, address, 0)));
        }

        @Override
        public synchronized List<PendingDelivery> claimDue(Instant now, int limit, Instant leaseUntil) {
            looks++;
            List<PendingDelivery> due = List.copyOf(queued);
            queued.clear();
            return due;
        }

        synchronized int looks() {
            return looks;
        }

        @Override
        public void markSent(List<PendingDelivery> deliveries, Instant sentAt) {
        }

        @Override
        public void markFailed(PendingDelivery delivery, String reason, Instant retryAt) {
            throw new AssertionError("nothing fails here: " + reason);
        }

        @Override
        public void markParked(PendingDelivery delivery, String reason) {
            throw new AssertionError("nothing is parked here: " + reason);
        }

        @Override
        public List<DeliveryRecord> forRenewal(RenewalId renewalId) {
            return List.of();
        }

        @Override
        public List<DeliveryRecord> forAlias(String alias) {
            return List.of();
        }
    }

    /** A partner directory that names no one: every message goes on Kafka. */
    private static final class NoPartners implements ContactBook {

        @Override
        public boolean keep(PartnerDirectoryEntry entry) {
            return false;
        }

        @Override
        public void forget(PartnerId partnerId) {
        }

        @Override
        public Optional<PartnerDirectoryEntry> find(PartnerId partnerId) {
            return Optional.empty();
        }
    }
}
