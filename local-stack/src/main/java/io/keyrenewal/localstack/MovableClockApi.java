package io.keyrenewal.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code POST /admin/clock/advance}, the same on renewal- and keystore-service (movable clock, local stack only). */
final class MovableClockApi {

    private MovableClockApi() {
    }

    /** Moves the service's clock forward by {@code duration}; the service's new now. */
    static Instant advance(JsonHttp http, Duration duration) {
        var response = http.post("/admin/clock/advance", Map.of("duration", isoDays(duration)));
        return Instant.parse(http.bodyOf(response, 200, "POST /admin/clock/advance").path("now").asText());
    }

    /** Whole days as {@code P91D}, anything else as {@code PT...}: both are ISO-8601 durations. */
    static String isoDays(Duration duration) {
        return duration.toSeconds() % Duration.ofDays(1).toSeconds() == 0 && duration.getNano() == 0
                ? "P" + duration.toDays() + "D" : duration.toString();
    }
}
