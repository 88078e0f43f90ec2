package io.keyrenewal.localstack.bench;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.localstack.ConfirmationRecords;
import io.keyrenewal.localstack.DemoPartnerKey;
import io.keyrenewal.localstack.KafkaClients;
import io.keyrenewal.localstack.TopicFollower;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The partners' systems, all in one: one consumer of {@code partner.notifications.v1} (a group of its own) answers
 * every message that asks a partner for a step ({@code expectedConfirmation}) with a {@link PartnerConfirmation} of
 * that type, signed with that partner's key, on {@code renewal.partner-confirmations.v1}. Answers are buffered and
 * sent every {@value #BATCH_MILLIS} ms in a shuffled order; about {@code resendShare} of them are sent a second
 * time, as the very same record (same confirmation id), in a later batch. {@code SENDING_STOPPED} waits for the
 * downtime window to start.
 *
 * <p>It also measures: the time from a confirmation published to the next message for that renewal (per phase),
 * and messages received more than once (the same notification id; the same renewal, kind and recipient).
 */
final class ScriptedPartners implements AutoCloseable {

    static final int BATCH_MILLIS = 50;
    /** Kinds a renewal may legitimately send the same recipient more than once (one per confirmation, reminder). */
    private static final Set<NotificationKind> REPEATABLE = EnumSet.of(NotificationKind.CONFIRMATION_RECEIVED,
            NotificationKind.STEP_OVERDUE, NotificationKind.STEP_ESCALATED);
    private static final int EXAMPLES = 5;

    private record Answer(PartnerId partnerId, RenewalId renewalId, ConfirmationType type, long notBeforeMillis) {
    }

    private record Published(long atNanos, RenewalProgress.Phase phase) {
    }

    private final Map<PartnerId, DemoPartnerKey> keys;
    private final Function<String, Instant> downtimeStart;
    private final Supplier<Instant> serviceNow;
    private final Function<String, RenewalProgress.Phase> phaseOf;
    private final double resendShare;
    private final Random random;
    private final TopicFollower receiver;
    private final KafkaProducer<String, String> producer;
    private final Thread sender;

    private final Set<String> notificationIds = new HashSet<>();
    private final Set<String> stepMessages = new HashSet<>();
    private final Set<String> answered = new HashSet<>();
    private final List<Answer> waiting = new ArrayList<>();
    private final List<ProducerRecord<String, String>> resends = new ArrayList<>();
    private final Map<String, Published> awaitingNextMessage = new ConcurrentHashMap<>();
    private final Map<RenewalProgress.Phase, Latencies> latencies = new EnumMap<>(RenewalProgress.Phase.class);
    private final Map<ConfirmationType, AtomicLong> confirmationsByType = new ConcurrentHashMap<>();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong redeliveredIds = new AtomicLong();
    private final AtomicLong duplicateSteps = new AtomicLong();
    private final List<String> duplicateExamples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong confirmations = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile long lastSentNanos = System.nanoTime();
    private volatile RuntimeException failure;
    private volatile boolean closing;

    /**
     * @param keys          each partner's confirmation key
     * @param downtimeStart the start of the downtime window the tenant proposed for a renewal (playbook 2), or null
     * @param serviceNow    renewal-service's now, for {@code confirmedAt}
     * @param phaseOf       the phase a renewal was started in (latencies are kept per phase)
     */
    ScriptedPartners(String bootstrapServers, Map<PartnerId, DemoPartnerKey> keys,
                     Function<String, Instant> downtimeStart, Supplier<Instant> serviceNow,
                     Function<String, RenewalProgress.Phase> phaseOf, double resendShare, long seed) {
        this.keys = Map.copyOf(keys);
        this.downtimeStart = downtimeStart;
        this.serviceNow = serviceNow;
        this.phaseOf = phaseOf;
        this.resendShare = resendShare;
        this.random = new Random(seed);
        for (RenewalProgress.Phase phase : RenewalProgress.Phase.values()) {
            latencies.put(phase, new Latencies());
        }
        this.producer = KafkaClients.producer(bootstrapServers);
        this.sender = new Thread(this::send, "bench-partners-send");
        sender.setDaemon(true);
        sender.start();
        this.receiver = TopicFollower.start(bootstrapServers, Topics.PARTNER_NOTIFICATIONS,
                "keyrenewal-bench-partners", "bench-partners-receive",
                (record, receivedNanos) -> handle(record.value(), receivedNanos), failure -> { });
    }

    Latencies latencies(RenewalProgress.Phase phase) {
        return latencies.get(phase);
    }

    long notifications() {
        return notifications.get();
    }

    /**
     * Messages received again under a notification id already seen, and dropped: notification-service delivers at
     * least once (an instance that dies after handing a message to Kafka and before recording it sent has it sent
     * again by another, under the same id), so a redelivery is a figure, not a failure.
     */
    long redeliveredNotificationIds() {
        return redeliveredIds.get();
    }

    /** Messages of the same renewal, kind and recipient under another id (kinds sent once per renewal only). */
    long duplicateStepMessages() {
        return duplicateSteps.get();
    }

    List<String> duplicateExamples() {
        synchronized (duplicateExamples) {
            return List.copyOf(duplicateExamples);
        }
    }

    long confirmations() {
        return confirmations.get();
    }

    long resent() {
        return resent.get();
    }

    long sendFailures() {
        return sendFailures.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    Map<String, Long> confirmationsByType() {
        Map<String, Long> byType = new LinkedHashMap<>();
        for (ConfirmationType type : ConfirmationType.values()) {
            AtomicLong count = confirmationsByType.get(type);
            if (count != null) {
                byType.put(type.name(), count.get());
            }
        }
        return byType;
    }

    /** When a message last came or a confirmation was last sent. */
    long lastActivityNanos() {
        return Math.max(lastSentNanos, receiver.lastRecordNanos());
    }

    RuntimeException failure() {
        return failure != null ? failure : receiver.failure();
    }

    @Override
    public void close() {
        closing = true;
        receiver.close();
        try {
            sender.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }

    private void handle(String body, long receivedNanos) {
        PartnerNotification notification;
        try {
            notification = ContractJson.read(body, PartnerNotification.class);
        } catch (MalformedMessage e) {
            unreadable.incrementAndGet();
            return;
        }
        if (notification.renewalId() == null) {
            return; // about an alias (the expiry watch), for the tenant administrator: no partner step in it
        }
        notifications.incrementAndGet();
        String renewalId = notification.renewalId().value();
        if (!notificationIds.add(notification.notificationId())) {
            redeliveredIds.incrementAndGet();
            example("notification id " + notification.notificationId() + " again (" + notification.kind()
                    + "), dropped");
            return;
        }
        if (!REPEATABLE.contains(notification.kind())
                && !stepMessages.add(renewalId + " " + notification.kind() + " " + notification.recipient())) {
            duplicateSteps.incrementAndGet();
            example("renewal " + renewalId + ": a second " + notification.kind() + " to "
                    + notification.recipient() + " (id " + notification.notificationId() + ")");
        }
        Published published = awaitingNextMessage.remove(renewalId);
        if (published != null) {
            latencies.get(published.phase()).add(receivedNanos - published.atNanos());
        }
        if (notification.expectedConfirmation() == null
                || notification.recipient() == PartnerRole.TENANT_ADMINISTRATOR) {
            return;
        }
        ConfirmationType type = notification.expectedConfirmation().type();
        if (!answered.add(renewalId + " " + type)) {
            return; // asked again (a reminder): the step was answered already
        }
        long notBefore = System.currentTimeMillis();
        if (type == ConfirmationType.SENDING_STOPPED) {
            Instant windowStart = downtimeStart.apply(renewalId);
            if (windowStart != null) {
                notBefore = Math.max(notBefore, windowStart.toEpochMilli() + 500);
            }
        }
        synchronized (waiting) {
            waiting.add(new Answer(notification.partnerId(), notification.renewalId(), type, notBefore));
        }
    }

    private void example(String duplicate) {
        synchronized (duplicateExamples) {
            if (duplicateExamples.size() < EXAMPLES) {
                duplicateExamples.add(duplicate);
            }
        }
    }

    private void send() {
        try {
            while (!closing) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(BATCH_MILLIS).toNanos());
                List<ProducerRecord<String, String>> again;
                synchronized (resends) {
                    again = new ArrayList<>(resends);
                    resends.clear();
                }
                List<Answer> due = due();
                Collections.shuffle(due, random);
                for (Answer answer : due) {
                    publish(answer);
                }
                for (ProducerRecord<String, String> record : again) {
                    producer.send(record, (metadata, error) -> countFailure(error));
                    resent.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private List<Answer> due() {
        long now = System.currentTimeMillis();
        List<Answer> due = new ArrayList<>();
        synchronized (waiting) {
            for (Iterator<Answer> answers = waiting.iterator(); answers.hasNext(); ) {
                Answer answer = answers.next();
                if (answer.notBeforeMillis() <= now) {
                    due.add(answer);
                    answers.remove();
                }
            }
        }
        return due;
    }

    private void publish(Answer answer) {
        DemoPartnerKey key = keys.get(answer.partnerId());
        if (key == null) {
            return; // not one of the benchmark's partners
        }
        PartnerConfirmation confirmation = new PartnerConfirmation(UUID.randomUUID().toString(), answer.renewalId(),
                answer.partnerId(), answer.type(), serviceNow.get());
        ProducerRecord<String, String> record = ConfirmationRecords.signed(confirmation, key);
        String renewalId = answer.renewalId().value();
        RenewalProgress.Phase phase = phaseOf.apply(renewalId);
        awaitingNextMessage.put(renewalId, new Published(System.nanoTime(),
                phase == null ? RenewalProgress.Phase.BURST : phase));
        producer.send(record, (metadata, error) -> countFailure(error));
        confirmations.incrementAndGet();
        confirmationsByType.computeIfAbsent(answer.type(), type -> new AtomicLong()).incrementAndGet();
        lastSentNanos = System.nanoTime();
        if (random.nextDouble() < resendShare) {
            synchronized (resends) {
                resends.add(record);
            }
        }
    }

    private void countFailure(Exception error) {
        if (error != null) {
            sendFailures.incrementAndGet();
        }
    }
}
