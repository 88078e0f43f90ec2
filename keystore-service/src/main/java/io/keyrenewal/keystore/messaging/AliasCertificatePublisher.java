package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.alias.AliasCertificate;
import io.keyrenewal.keystore.store.AliasChanged;
import io.keyrenewal.keystore.store.AliasOutbox;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the certificate of every changed alias on {@code keystore.aliases.v1} ({@link AliasCertificate}, key =
 * alias, CloudEvents headers with {@code ce_id} = {@code <alias>:<version>}), from the {@link AliasOutbox}: a round
 * reads a batch of queued aliases with their active certificates, sends them, waits for Kafka's acknowledgements and
 * takes each acknowledged alias off the queue unless a newer change of it was queued meanwhile. What Kafka did not
 * take stays queued for the next round, so a change is published at least once even if Kafka is away when it
 * commits. One thread per instance runs the rounds: every {@code keyrenewal.keystore.alias-publication.interval}, and
 * at once after a change committed ({@link AliasChanged}). Instances on one database may both send a change: the
 * record is the same, and consumers keep the highest version.
 */
@Component
public class AliasCertificatePublisher implements SmartLifecycle {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(AliasCertificatePublisher.class);

    private final AliasOutbox outbox;
    private final KafkaTemplate<String, String> template;
    private final AliasPublicationProperties properties;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private volatile boolean failing;
    private volatile ScheduledExecutorService rounds;

    public AliasCertificatePublisher(AliasOutbox outbox, KafkaTemplate<String, String> template,
                                     AliasPublicationProperties properties) {
        this.outbox = outbox;
        this.template = template;
        this.properties = properties;
    }

    /**
     * Publishes one batch of queued aliases.
     *
     * @return how many Kafka acknowledged (taken off the queue, unless changed again meanwhile)
     * @throws AliasesNotPublished after taking the acknowledged ones off the queue, if Kafka did not take them all
     */
    public int publishPending() {
        List<Send> sends = new ArrayList<>();
        for (AliasCertificate certificate : outbox.next(properties.batchSize())) {
            Send send = new Send(certificate, send(certificate));
            sends.add(send);
            if (send.acknowledgement().isCompletedExceptionally()) {
                break; // no broker answered in the producer's max.block.ms: the others wait for the next round
            }
        }
        awaitAcknowledgements(sends);
        int published = 0;
        Throwable failure = null;
        for (Send send : sends) {
            if (send.acknowledgement().isDone() && !send.acknowledgement().isCompletedExceptionally()) {
                outbox.published(send.certificate().alias(), send.certificate().version());
                published++;
                log.debug("Published the certificate of alias '{}' (version {}) on {}", send.certificate().alias(),
                        send.certificate().version(), Topics.ALIAS_CERTIFICATES);
            } else {
                failure = send.acknowledgement().handle((result, error) -> error).getNow(null);
            }
        }
        if (published < sends.size()) {
            throw new AliasesNotPublished(sends.size() - published, sends.size(), failure);
        }
        return published;
    }

    /** The record of {@code certificate}, the same whoever sends it: the alias's version names it. */
    static ProducerRecord<String, String> recordOf(AliasCertificate certificate) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ALIAS_CERTIFICATES, certificate.alias(),
                ContractJson.write(certificate));
        CloudEventHeaders.write(record.headers(), certificate.alias() + ":" + certificate.version(),
                AliasCertificate.class, KeystoreReportPublisher.SOURCE, certificate.at(), certificate.alias());
        return record;
    }

    /** Starts a round now, unless one is already waiting to start. */
    @EventListener
    void on(AliasChanged changed) {
        ScheduledExecutorService executor = rounds;
        if (executor != null && nudged.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    nudged.set(false);
                    round();
                });
            } catch (RejectedExecutionException stopping) {
                nudged.set(false);
            }
        }
    }

    /** Publishes batches until the queue is empty or Kafka fails; says once when it fails and when it is back. */
    private void round() {
        try {
            int published;
            do {
                published = publishPending();
            } while (published == properties.batchSize());
            if (failing) {
                failing = false;
                log.info("Alias changes are published on {} again", Topics.ALIAS_CERTIFICATES);
            }
        } catch (RuntimeException e) {
            if (rounds == null || Thread.currentThread().isInterrupted()) {
                log.debug("Alias changes not published as the service stops; they stay queued: {}", e.toString());
            } else if (!failing) {
                failing = true;
                log.warn("Alias changes stay queued and are tried again every {}: {}", properties.interval(),
                        e.getMessage());
            } else {
                log.debug("Alias changes still not published: {}", e.toString());
            }
        }
    }

    private CompletableFuture<?> send(AliasCertificate certificate) {
        try {
            return template.send(recordOf(certificate));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void awaitAcknowledgements(List<Send> sends) {
        try {
            CompletableFuture.allOf(sends.stream().map(Send::acknowledgement).toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // each send is looked at on its own
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "alias-publisher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::round, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
        rounds = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = rounds;
        rounds = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }

    private record Send(AliasCertificate certificate, CompletableFuture<?> acknowledgement) {
    }

    /** Kafka did not acknowledge every record of a batch: those aliases stay queued. */
    public static final class AliasesNotPublished extends RuntimeException {

        AliasesNotPublished(int notPublished, int sent, Throwable cause) {
            super(notPublished + " of " + sent + " alias changes not acknowledged by Kafka"
                    + (cause == null ? " in time" : ": " + cause), cause);
        }
    }
}
