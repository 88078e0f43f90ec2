package io.keyrenewal.localstack.bench;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.localstack.TopicFollower;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Where each renewal of the run stands, from {@code renewal.events.v1} (read from the beginning: the benchmark's
 * stack is its own, every renewal on it is the run's): its events, the last one, when it came to wait only for the
 * retention deadline, and when it completed.
 */
final class RenewalProgress implements AutoCloseable {

    /**
     * The benchmark's phases: the warm-up, the steady background rate, the burst, then (with
     * {@code --policy-renewal}) the renewals the expiry watch starts by policy.
     */
    enum Phase { WARMUP, STEADY, BURST, POLICY }

    /** One renewal as seen so far. Guarded by itself. */
    static final class Tracked {
        final String renewalId;
        Phase phase;
        Playbook playbook;
        final Set<String> types = new HashSet<>();
        int events;
        String lastType;
        long lastChangeNanos = System.nanoTime();
        long waitingForRetentionNanos = -1;
        long completedNanos = -1;

        Tracked(String renewalId) {
            this.renewalId = renewalId;
        }

        synchronized boolean registered() {
            return phase != null;
        }

        synchronized boolean waitingForRetention() {
            return waitingForRetentionNanos >= 0;
        }

        synchronized boolean completed() {
            return completedNanos >= 0;
        }

        synchronized String where() {
            return (playbook == null ? "playbook ?" : "playbook " + number(playbook)) + ", last event "
                    + (lastType == null ? "(none on Kafka yet)" : lastType)
                    + (waitingForRetentionNanos >= 0 ? " (waits only for retention)" : "");
        }

        synchronized long lastChangeNanos() {
            return lastChangeNanos;
        }

        private void apply(String type, long now) {
            events++;
            lastType = type;
            lastChangeNanos = now;
            types.add(type);
            if (waitingForRetentionNanos < 0 && playbook != null && onlyRetentionLeft(playbook, types)) {
                waitingForRetentionNanos = now;
            }
            if ("RenewalCompleted".equals(type)) {
                completedNanos = now;
                if (waitingForRetentionNanos < 0) {
                    waitingForRetentionNanos = now;
                }
            }
        }
    }

    private final Map<String, Tracked> renewals = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final BiConsumer<String, Playbook> onCertificateProvided;
    private final TopicFollower follower;
    private volatile java.util.function.Consumer<String> eventListener = type -> { };
    /** The phase of a renewal that starts without the benchmark starting it (the expiry watch's), or null. */
    private volatile Phase startedByTheService;

    /** @param onCertificateProvided told of each renewal whose certificate went to its partner (id, playbook) */
    RenewalProgress(String bootstrapServers, BiConsumer<String, Playbook> onCertificateProvided) {
        this.onCertificateProvided = onCertificateProvided;
        this.follower = TopicFollower.start(bootstrapServers, Topics.RENEWAL_EVENTS, "keyrenewal-bench-events",
                "bench-renewal-events", this::handle, failure -> { });
    }

    /**
     * Playbooks 1 and 2: the exchange is done and the partner confirmed its last step; playbook 3: the receiver
     * switched. Only the retention deadline is left.
     */
    static boolean onlyRetentionLeft(Playbook playbook, Set<String> types) {
        return switch (playbook) {
            case TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH ->
                    types.contains("KeyPairExchanged") && types.contains("PartnerRemovedOldCertificate");
            case TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME ->
                    types.contains("KeyPairExchanged") && types.contains("SenderResumedSending");
            case TENANT_DECRYPTS_OUTBOUND_RESPONSE -> types.contains("PartnerSwitchedToNewKey");
            default -> false; // the benchmark runs playbooks 1 to 3 only
        };
    }

    static int number(Playbook playbook) {
        return playbook.ordinal() + 1;
    }

    /** A renewal the benchmark started (its events may have come before the start's answer). */
    void register(String renewalId, Phase phase, Playbook playbook) {
        Tracked tracked = renewals.computeIfAbsent(renewalId, Tracked::new);
        synchronized (tracked) {
            tracked.phase = phase;
            if (tracked.playbook == null) {
                tracked.playbook = playbook;
            }
        }
    }

    /**
     * From now on, a renewal whose {@code RenewalStarted} comes without the benchmark having started it (the expiry
     * watch started it by a policy) is one of {@code phase}.
     */
    void adoptStartsAs(Phase phase) {
        startedByTheService = phase;
    }

    Phase phaseOf(String renewalId) {
        Tracked tracked = renewals.get(renewalId);
        if (tracked == null) {
            return null;
        }
        synchronized (tracked) {
            return tracked.phase;
        }
    }

    long events() {
        return events.get();
    }

    long lastEventNanos() {
        return follower.lastRecordNanos();
    }

    RuntimeException failure() {
        return follower.failure();
    }

    /** The renewals the benchmark started in {@code phases}. */
    List<Tracked> started(Set<Phase> phases) {
        List<Tracked> started = new ArrayList<>();
        for (Tracked tracked : renewals.values()) {
            synchronized (tracked) {
                if (tracked.phase != null && phases.contains(tracked.phase)) {
                    started.add(tracked);
                }
            }
        }
        return started;
    }

    static long count(Collection<Tracked> renewals, Predicate<Tracked> which) {
        return renewals.stream().filter(which).count();
    }

    static long events(Collection<Tracked> renewals) {
        long events = 0;
        for (Tracked tracked : renewals) {
            synchronized (tracked) {
                events += tracked.events;
            }
        }
        return events;
    }

    /** The latest time among {@code renewals} of {@code when} (e.g. completion); -1 if one has none. */
    static long latest(Collection<Tracked> renewals, java.util.function.ToLongFunction<Tracked> when) {
        long latest = -1;
        for (Tracked tracked : renewals) {
            long at;
            synchronized (tracked) {
                at = when.applyAsLong(tracked);
            }
            if (at < 0) {
                return -1;
            }
            latest = Math.max(latest, at);
        }
        return latest;
    }

    /** The renewals not completed, counted by where they stand, each with up to three example ids. */
    static Map<String, String> strandedByStep(Collection<Tracked> renewals) {
        Map<String, List<String>> byStep = new TreeMap<>();
        for (Tracked tracked : renewals) {
            if (!tracked.completed()) {
                byStep.computeIfAbsent(tracked.where(), where -> new ArrayList<>()).add(tracked.renewalId);
            }
        }
        Map<String, String> stranded = new LinkedHashMap<>();
        byStep.forEach((where, ids) -> stranded.put(where, ids.size() + " (e.g. "
                + String.join(", ", ids.subList(0, Math.min(3, ids.size()))) + ")"));
        return stranded;
    }

    /** Tells {@code listener} the {@code ce_type} of every event from now on, as it arrives. */
    void listen(java.util.function.Consumer<String> listener) {
        this.eventListener = listener;
    }

    @Override
    public void close() {
        follower.close();
    }

    private void handle(ConsumerRecord<String, String> record, long now) {
        String renewalId = record.key();
        String type = CloudEventHeaders.read(record.headers(), MessageHeaders.TYPE).orElse("(no ce_type)");
        if (renewalId == null) {
            return;
        }
        events.incrementAndGet();
        Tracked tracked = renewals.computeIfAbsent(renewalId, Tracked::new);
        Playbook playbook;
        synchronized (tracked) {
            if ("RenewalStarted".equals(type)) {
                if (tracked.playbook == null) {
                    tracked.playbook = ((RenewalStarted) ContractJson.read(record.value(), RenewalEvent.class))
                            .playbook();
                }
                if (tracked.phase == null) {
                    tracked.phase = startedByTheService;
                }
            }
            tracked.apply(type, now);
            playbook = tracked.playbook;
        }
        if ("CertificateProvided".equals(type) && playbook != null) {
            onCertificateProvided.accept(renewalId, playbook);
        }
        eventListener.accept(type);
    }
}
