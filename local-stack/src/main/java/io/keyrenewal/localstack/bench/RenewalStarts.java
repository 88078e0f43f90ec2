package io.keyrenewal.localstack.bench;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.renewal.Playbook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts renewals over REST ({@code POST /renewals}) with a fixed number of requests in flight. A failed start is
 * tried again ({@link RestCalls}); a {@code 409} after a failed try names the renewal the lost answer had started,
 * which is then taken as started; any other refusal is counted and printed, never dropped silently.
 */
final class RenewalStarts implements AutoCloseable {

    /** What to start: playbook 1-3 with {@code AUTOMATIC} approval, an EC P-256 key, one day guaranteed delivery. */
    record Planned(String alias, PartnerId partnerId, Playbook playbook, RenewalProgress.Phase phase) {
    }

    static final String GUARANTEED_DELIVERY_TIME = "P1D";
    private static final Pattern RENEWAL_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final RestCalls rest;
    private final RenewalProgress progress;
    private final ExecutorService workers;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private volatile long lastStartedNanos = -1;

    RenewalStarts(RestCalls rest, RenewalProgress progress, int inFlight) {
        this.rest = rest;
        this.progress = progress;
        this.workers = Daemons.pool(inFlight, "bench-start");
    }

    void submit(Planned renewal) {
        submitted.incrementAndGet();
        workers.execute(() -> start(renewal));
    }

    long started() {
        return started.get();
    }

    long refused() {
        return refused.get();
    }

    /** Starts whose answer was lost (a retry got 409 naming the renewal): started all the same. */
    long recovered() {
        return recovered.get();
    }

    /** When the last start was answered with its renewal; -1 before the first. */
    long lastStartedNanos() {
        return lastStartedNanos;
    }

    /** Submitted, not yet answered. */
    long pending() {
        return submitted.get() - started.get() - refused.get();
    }

    @Override
    public void close() {
        Daemons.shutDown(workers);
    }

    private void start(Planned renewal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alias", renewal.alias());
        body.put("partnerId", renewal.partnerId().value());
        body.put("guaranteedDeliveryTime", GUARANTEED_DELIVERY_TIME);
        body.put("playbook", renewal.playbook().name());
        body.put("exchangeApproval", "AUTOMATIC");
        body.put("keyAlgorithm", "EC_P256");
        RestCalls.Outcome outcome = rest.post("/renewals", body);
        if (outcome == null) {
            return; // the benchmark stopped
        }
        int status = outcome.response().statusCode();
        String answer = outcome.response().body();
        Matcher renewalId = RENEWAL_ID.matcher(answer == null ? "" : answer);
        if (status == 201 && renewalId.find()) {
            progress.register(renewalId.group(), renewal.phase(), renewal.playbook());
            started.incrementAndGet();
            lastStartedNanos = System.nanoTime();
        } else if (status == 409 && outcome.triedBefore() && renewalId.find()) {
            progress.register(renewalId.group(), renewal.phase(), renewal.playbook());
            recovered.incrementAndGet();
            started.incrementAndGet();
            lastStartedNanos = System.nanoTime();
        } else {
            refused.incrementAndGet();
            rest.note("POST /renewals " + renewal.alias() + " refused (" + status + "): "
                    + RestCalls.abbreviate(answer));
        }
    }
}
