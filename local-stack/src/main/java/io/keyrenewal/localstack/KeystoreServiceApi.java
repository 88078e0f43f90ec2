package io.keyrenewal.localstack;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The keystore-service's REST API as the demo uses it, logged in as the local profile's {@code operator}. */
public final class KeystoreServiceApi {

    private final JsonHttp http;

    public KeystoreServiceApi(URI baseUrl) {
        this.http = new JsonHttp(baseUrl, JsonHttp.basic(RenewalServiceApi.LOCAL_USER,
                RenewalServiceApi.LOCAL_PASSWORD));
    }

    /**
     * How many entries {@code GET /keystore/entries} lists: its {@code X-Total-Count} (the listing is paged), or else
     * the entries in the answer (a JSON array, or an object with an "entries" array).
     */
    public int entryCount() {
        HttpResponse<String> response = http.getResponse("/keystore/entries?size=1");
        JsonNode answer = http.bodyOf(response, 200, "GET /keystore/entries");
        java.util.Optional<String> total = response.headers().firstValue("X-Total-Count");
        if (total.isPresent()) {
            return Integer.parseInt(total.get());
        }
        JsonNode entries = answer.isArray() ? answer : answer.path("entries");
        if (!entries.isArray()) {
            throw new LocalStackFailure("GET /keystore/entries answered neither a list nor {\"entries\": [...]}: "
                    + answer);
        }
        return entries.size();
    }

    /**
     * {@code POST /admin/clock/advance} {@code {"duration"}} (movable clock, local stack only): the keystore removes
     * a retained key only after its retention date by its own clock. Returns the service's new now.
     */
    public Instant advanceClock(Duration duration) {
        return MovableClockApi.advance(http, duration);
    }

    URI url(String path) {
        return http.url(path);
    }
}
