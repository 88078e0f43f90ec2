package io.keyrenewal.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The renewal-service's REST API as the demo uses it, logged in as the local profile's {@code operator}. */
public final class RenewalServiceApi {

    /** The local profile's tenant administrator and auditor (application-local.yml of renewal- and keystore-service). */
    public static final String LOCAL_USER = "operator";
    public static final String LOCAL_PASSWORD = "operator-local";

    private final JsonHttp http;

    public RenewalServiceApi(URI baseUrl) {
        this.http = new JsonHttp(baseUrl, JsonHttp.basic(LOCAL_USER, LOCAL_PASSWORD));
    }

    /** A renewal just started: its id and the {@code Location} the service answered. */
    public record StartedRenewal(RenewalId renewalId, String location) {
    }

    /** {@code POST /renewals} {@code {"alias","partnerId","guaranteedDeliveryTime"}}, expecting 201 {@code {"renewalId"}}. */
    public StartedRenewal startRenewal(String alias, PartnerId partnerId, Duration guaranteedDeliveryTime) {
        HttpResponse<String> response = http.post("/renewals", Map.of(
                "alias", alias,
                "partnerId", partnerId.value(),
                "guaranteedDeliveryTime", guaranteedDeliveryTime.toString()));
        if (response.statusCode() == 409) {
            throw new LocalStackFailure("POST /renewals answered 409: " + response.body() + System.lineSeparator()
                    + "(is a renewal of " + alias + " left unfinished by an earlier run? Start over with an empty"
                    + " data folder)");
        }
        JsonNode body = http.bodyOf(response, 201, "POST /renewals");
        String renewalId = body.path("renewalId").asText("");
        if (renewalId.isBlank()) {
            throw new LocalStackFailure("POST /renewals answered 201 without a renewalId: " + response.body());
        }
        return new StartedRenewal(new RenewalId(renewalId),
                response.headers().firstValue("Location").orElse("(no Location header)"));
    }

    /**
     * The {@code state} of {@code GET /renewals/{id}}; if the answer nests it (e.g. {@code renewal.state}) the first
     * {@code state}, else the first {@code step} field found.
     */
    public String state(RenewalId renewalId) {
        JsonNode renewal = http.get("/renewals/" + renewalId);
        JsonNode state = renewal.has("state") ? renewal.get("state") : renewal.findValue("state");
        if (state == null) {
            state = renewal.findValue("step");
        }
        return state == null ? "(no state in " + renewal + ")" : state.asText();
    }

    /** {@code POST /admin/clock/advance} {@code {"duration"}} (movable clock, local stack only); the service's new now. */
    public Instant advanceClock(Duration duration) {
        return MovableClockApi.advance(http, duration);
    }

    URI url(String path) {
        return http.url(path);
    }
}
