package io.keyrenewal.localstack.bench;

import io.keyrenewal.contracts.renewal.Playbook;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The tenant's part the playbooks leave to a person even with {@code AUTOMATIC} approval: in playbook 2, proposing
 * the downtime window once the certificate went to the sender ({@code POST /renewals/{id}/downtime}), a window that
 * starts {@link #START_IN} from now and lasts {@link #LENGTH}.
 */
final class TenantSteps implements AutoCloseable {

    static final Duration START_IN = Duration.ofSeconds(5);
    /** A window that was in the past when it arrived is proposed again further ahead, up to this far. */
    static final Duration LATEST_START_IN = Duration.ofMinutes(2);
    static final Duration LENGTH = Duration.ofMinutes(10);
    private static final int ATTEMPTS = 8;

    private final RestCalls rest;
    private final Supplier<Instant> serviceNow;
    private final ExecutorService workers = Daemons.pool(2, "bench-tenant");
    private final Map<String, Instant> windowStarts = new ConcurrentHashMap<>();
    /** Renewals whose window is proposed or being proposed: once each, however often the event comes. */
    private final java.util.Set<String> proposing = ConcurrentHashMap.newKeySet();
    private final AtomicLong proposed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile String lastRefusal;

    TenantSteps(RestCalls rest, Supplier<Instant> serviceNow) {
        this.rest = rest;
        this.serviceNow = serviceNow;
    }

    /**
     * Called for every renewal whose certificate was provided; acts on playbook 2's only, once per renewal: the event
     * may come twice (renewal-service publishes at least once, e.g. again after it was killed).
     */
    void certificateProvided(String renewalId, Playbook playbook) {
        if (playbook == Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME && proposing.add(renewalId)) {
            workers.execute(() -> {
                try {
                    proposeDowntime(renewalId);
                } catch (RuntimeException e) {
                    refused.incrementAndGet();
                    rest.note("POST /renewals/" + renewalId + "/downtime failed in the benchmark: " + e);
                }
            });
        }
    }

    /**
     * Where the window of {@code renewalId} starts, by renewal-service's clock; null if none was proposed. When a
     * proposal's answer was lost and a later one answered 409 (already proposed), the latest start proposed: the
     * sender stops no earlier than the window it agreed to, whichever of them that was (each lasts {@link #LENGTH}).
     */
    Instant windowStart(String renewalId) {
        return windowStarts.get(renewalId);
    }

    long proposed() {
        return proposed.get();
    }

    long refused() {
        return refused.get();
    }

    /** The last refused proposal and its answer; null if none. */
    String lastRefusal() {
        return lastRefusal;
    }

    @Override
    public void close() {
        Daemons.shutDown(workers);
    }

    private void proposeDowntime(String renewalId) {
        boolean triedBefore = false;
        Duration startIn = START_IN;
        String lastAnswer = "no answer";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // under load (a restart storm) a request may take longer than the window's lead: each try leads more
            Instant start = serviceNow.get().plus(startIn);
            Duration doubled = startIn.multipliedBy(2);
            startIn = doubled.compareTo(LATEST_START_IN) > 0 ? LATEST_START_IN : doubled;
            windowStarts.merge(renewalId, start, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
            RestCalls.Outcome outcome = rest.post("/renewals/" + renewalId + "/downtime",
                    Map.of("windowStart", start.toString(), "windowEnd", start.plus(LENGTH).toString()));
            if (outcome == null) {
                return;
            }
            triedBefore |= outcome.triedBefore();
            int status = outcome.response().statusCode();
            lastAnswer = status + " " + RestCalls.abbreviate(outcome.response().body());
            if (status == 200 || status == 409 && triedBefore) {
                proposed.incrementAndGet();
                return;
            }
            if (status != 422) {
                break; // a 422 is a window already in the past when it arrived: propose a later one
            }
            rest.note("POST /renewals/" + renewalId + "/downtime answered 422, proposing again: "
                    + RestCalls.abbreviate(outcome.response().body()));
        }
        refused.incrementAndGet();
        rest.note("POST /renewals/" + renewalId + "/downtime refused");
        lastRefusal = "POST /renewals/" + renewalId + "/downtime: " + lastAnswer;
    }
}
