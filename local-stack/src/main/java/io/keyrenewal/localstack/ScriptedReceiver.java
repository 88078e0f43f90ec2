package io.keyrenewal.localstack;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.partner.PartnerNotification;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The partner's system in the demo, speaking the real protocol: it reads {@code partner.notifications.v1}, and when
 * its partner is sent the new certificate of the renewal ({@link NotificationKind#CERTIFICATE_PROVIDED}), it
 * "configures" it and publishes a {@link ConfirmationType#SWITCHED_TO_NEW_KEY} {@link PartnerConfirmation} on
 * {@code renewal.partner-confirmations.v1} (key = renewal id, {@code ce_*} headers, signed with the partner's key). Other notifications are ignored;
 * a notification seen again is not confirmed twice.
 */
public final class ScriptedReceiver implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final PartnerId partnerId;
    private final DemoPartnerKey key;
    private final RenewalId renewalId;
    private final PrintStream out;
    private final KafkaProducer<String, String> producer;
    private TopicFollower follower;
    private final Set<String> answeredNotifications = new HashSet<>();
    private final List<PartnerConfirmation> confirmationsSent = new ArrayList<>();
    private RuntimeException failure;

    private ScriptedReceiver(String bootstrapServers, PartnerId partnerId, DemoPartnerKey key, RenewalId renewalId,
                             PrintStream out) {
        this.partnerId = partnerId;
        this.key = key;
        this.renewalId = renewalId;
        this.out = out;
        this.producer = KafkaClients.producer(bootstrapServers);
    }

    /** Starts answering the notifications of {@code renewalId} sent to {@code partnerId}. */
    public static ScriptedReceiver start(String bootstrapServers, PartnerId partnerId, DemoPartnerKey key,
                                         RenewalId renewalId, PrintStream out) {
        ScriptedReceiver receiver = new ScriptedReceiver(bootstrapServers, partnerId, key, renewalId, out);
        receiver.follower = TopicFollower.start(bootstrapServers, Topics.PARTNER_NOTIFICATIONS,
                "local-stack-receiver-" + partnerId, "scripted-receiver-" + partnerId, (record, receivedAt) -> {
                    if (partnerId.value().equals(record.key())) {
                        receiver.handle(record.value());
                    }
                }, receiver::stopped);
        return receiver;
    }

    /** The confirmations published so far. */
    public synchronized List<PartnerConfirmation> confirmationsSent() {
        return List.copyOf(confirmationsSent);
    }

    /**
     * The first confirmation published, waiting up to {@code timeout} for it.
     *
     * @param whereToLook what to read if it does not come, e.g. which service log
     */
    public synchronized PartnerConfirmation awaitConfirmation(Duration timeout, String whereToLook) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (confirmationsSent.isEmpty()) {
            if (failure != null) {
                throw new LocalStackFailure("the scripted receiver stopped: " + failure.getMessage(), failure);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new LocalStackFailure("no " + NotificationKind.CERTIFICATE_PROVIDED + " notification for "
                        + partnerId + " and renewal " + renewalId + " on " + Topics.PARTNER_NOTIFICATIONS + " within "
                        + Durations.seconds(timeout) + "; " + whereToLook);
            }
            try {
                wait(Math.max(1, remaining / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackFailure("interrupted while waiting for the scripted receiver", e);
            }
        }
        return confirmationsSent.get(0);
    }

    @Override
    public void close() {
        follower.close();
        producer.close(Duration.ofSeconds(5));
    }

    private void stopped(RuntimeException e) {
        synchronized (this) {
            failure = e;
            notifyAll();
        }
        out.println("  [" + partnerId + " receiver] stopped: " + e);
    }

    private void handle(String body) {
        PartnerNotification notification;
        try {
            notification = ContractJson.read(body, PartnerNotification.class);
        } catch (MalformedMessage e) {
            out.println("  [" + partnerId + " receiver] cannot read a notification: " + e.getMessage());
            return;
        }
        if (!partnerId.equals(notification.partnerId()) || !renewalId.equals(notification.renewalId())
                || notification.kind() != NotificationKind.CERTIFICATE_PROVIDED
                || answeredNotifications.contains(notification.notificationId())) {
            return;
        }
        out.println("  [" + partnerId + " receiver] received \"" + notification.subject() + "\" for the "
                + notification.recipient() + attachments(notification.attachments()));
        PartnerConfirmation confirmation = new PartnerConfirmation(UUID.randomUUID().toString(), renewalId, partnerId,
                ConfirmationType.SWITCHED_TO_NEW_KEY, Instant.now());
        publish(confirmation);
        answeredNotifications.add(notification.notificationId());
        out.println("  [" + partnerId + " receiver] encrypts with the new certificate now; published "
                + confirmation.type() + " confirmation " + confirmation.confirmationId() + " on "
                + Topics.PARTNER_CONFIRMATIONS);
        synchronized (this) {
            confirmationsSent.add(confirmation);
            notifyAll();
        }
    }

    private void publish(PartnerConfirmation confirmation) {
        ProducerRecord<String, String> record = ConfirmationRecords.signed(confirmation, key);
        try {
            producer.send(record).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackFailure("cannot publish the confirmation on " + Topics.PARTNER_CONFIRMATIONS + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackFailure("interrupted while publishing the confirmation", e);
        }
    }

    private static String attachments(List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return ", no attachment";
        }
        StringBuilder described = new StringBuilder();
        for (Attachment attachment : attachments) {
            described.append(", attachment ").append(attachment.fileName());
            certificateFingerprint(attachment.content())
                    .ifPresent(fingerprint -> described.append(" (certificate sha256 ")
                            .append(EventSummary.shortFingerprint(fingerprint)).append(')'));
        }
        return described.toString();
    }

    private static Optional<Fingerprint> certificateFingerprint(String content) {
        if (!content.contains("-----BEGIN CERTIFICATE-----")) {
            return Optional.empty();
        }
        try {
            var certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(Fingerprint.sha256Of(certificate.getEncoded()));
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }
}
