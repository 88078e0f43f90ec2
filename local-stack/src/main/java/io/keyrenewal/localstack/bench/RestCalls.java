package io.keyrenewal.localstack.bench;

import io.keyrenewal.localstack.JsonHttp;
import io.keyrenewal.localstack.LocalStackFailure;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * POSTs that must not be lost: a 5xx answer or a failed connection is counted and tried again with backoff (250 ms,
 * doubling, at most 5 s) until an answer below 500 comes or the benchmark stops. With several instances of the
 * service, calls go to each in turn, and a try that failed goes to the next, as behind a load balancer.
 */
final class RestCalls {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int EXAMPLES = 5;

    /** The final answer, and whether an earlier try of the same call failed (it may have been applied). */
    record Outcome(HttpResponse<String> response, boolean triedBefore) {
    }

    private final List<JsonHttp> instances;
    private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
    private final BooleanSupplier stopped;
    private final AtomicLong retried = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile long lastAnswerNanos = System.nanoTime();
    /** The calls being tried again now, by path, with their last failure. */
    private final java.util.Map<String, String> pending = new java.util.concurrent.ConcurrentHashMap<>();

    RestCalls(List<JsonHttp> instances, BooleanSupplier stopped) {
        this.instances = List.copyOf(instances);
        this.stopped = stopped;
    }

    /** The first answer below 500, or null if the benchmark stopped first. */
    Outcome post(String path, Object body) {
        Duration backoff = FIRST_BACKOFF;
        boolean triedBefore = false;
        while (!stopped.getAsBoolean()) {
            String failure;
            try {
                JsonHttp http = instances.get(Math.floorMod(turn.getAndIncrement(), instances.size()));
                HttpResponse<String> response = http.post(path, body);
                if (response.statusCode() < 500) {
                    lastAnswerNanos = System.nanoTime();
                    pending.remove(path);
                    return new Outcome(response, triedBefore);
                }
                failure = "POST " + path + " answered " + response.statusCode() + ": " + abbreviate(response.body());
            } catch (LocalStackFailure e) {
                failure = abbreviate(e.getMessage());
            }
            triedBefore = true;
            retried.incrementAndGet();
            note(failure);
            pending.put(path, failure);
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        return null; // stopped: the call stays among those still tried, for the report
    }

    /** The calls still being tried again (up to 5), each with its last failure: why a benchmark waits. */
    List<String> stillTrying() {
        return pending.values().stream().limit(EXAMPLES).toList();
    }

    /** How many tries failed (5xx or no connection) and were tried again. */
    long retried() {
        return retried.get();
    }

    /** The first few failures and refusals, to say what went wrong. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    void note(String failure) {
        synchronized (failures) {
            if (failures.size() < EXAMPLES) {
                failures.add(failure);
            }
        }
    }

    long lastAnswerNanos() {
        return lastAnswerNanos;
    }

    static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
