package io.keyrenewal.localstack.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples in nanoseconds; percentiles by sorting (no histogram needed for some ten thousand samples). */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    /** {@code samples}, {@code p50_ms}, {@code p95_ms}, {@code p99_ms}, {@code max_ms}; only the count if empty. */
    synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples", count);
        if (count == 0) {
            return summary;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        summary.put("p50_ms", millis(percentile(sorted, 50)));
        summary.put("p95_ms", millis(percentile(sorted, 95)));
        summary.put("p99_ms", millis(percentile(sorted, 99)));
        summary.put("max_ms", millis(sorted[sorted.length - 1]));
        return summary;
    }

    /** The nearest-rank percentile. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
