package io.keyrenewal.localstack;

import java.time.Duration;
import java.util.Locale;

/** How the launcher prints durations. */
final class Durations {

    private Durations() {
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static String seconds(Duration duration) {
        return seconds(duration.toNanos());
    }
}
