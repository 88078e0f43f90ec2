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
    static final Duration LENGTH = Duration.ofMinutes(10);
    private static final int ATTEMPTS = 5;

    private final RestCalls rest;
    private final Supplier<Instant> serviceNow;
    private final ExecutorService workers = Daemons.pool(2, "bench-tenant");
    private final Map<String, Instant> windowStarts = new ConcurrentHashMap<>();
    private final AtomicLong proposed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    TenantSteps(RestCalls rest, Supplier<Instant> serviceNow) {
        this.rest = rest;
        this.serviceNow = serviceNow;
    }

    /** Called for every renewal whose certificate was provided; acts on playbook 2's only. */
    void certificateProvided(String renewalId, Playbook playbook) {
        if (playbook == Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME) {
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

    /** Where the window of {@code renewalId} starts, by renewal-service's clock; null if none was proposed. */
    Instant windowStart(String renewalId) {
        return windowStarts.get(renewalId);
    }

    long proposed() {
        return proposed.get();
    }

    long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        Daemons.shutDown(workers);
    }

    private void proposeDowntime(String renewalId) {
        boolean triedBefore = false;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant start = serviceNow.get().plus(START_IN);
            windowStarts.put(renewalId, start);
            RestCalls.Outcome outcome = rest.post("/renewals/" + renewalId + "/downtime",
                    Map.of("windowStart", start.toString(), "windowEnd", start.plus(LENGTH).toString()));
            if (outcome == null) {
                return;
            }
            triedBefore |= outcome.triedBefore();
            int status = outcome.response().statusCode();
            if (status == 200 || status == 409 && triedBefore) {
                proposed.incrementAndGet();
                return;
            }
            if (status != 400) {
                break; // a 400 is a window already in the past when it arrived: propose a later one
            }
            rest.note("POST /renewals/" + renewalId + "/downtime answered 400, proposing again: "
                    + RestCalls.abbreviate(outcome.response().body()));
        }
        refused.incrementAndGet();
        rest.note("POST /renewals/" + renewalId + "/downtime refused");
    }
}
