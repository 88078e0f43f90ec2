package io.keyrenewal.renewal.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.partner.ConfirmationType;
import org.springframework.kafka.core.KafkaTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Drives real renewals through a running renewal-service as its outside parties do: the tenant over REST, the
 * keystore and the partner by publishing their reports and confirmations to Kafka.
 */
public final class RenewalDriver {

    private final Http http;
    private final KafkaTemplate<String, String> kafka;

    /** Also registers partner acme with its confirmation key (or renews its registration). */
    public RenewalDriver(Http http, KafkaTemplate<String, String> kafka) {
        this.http = http;
        this.kafka = kafka;
        PartnerSystem.ACME.register(http, true);
    }

    /** Starts a renewal of {@code alias} with partner acme (playbook 3 unless the purpose says otherwise). */
    public String start(String alias) {
        HttpResponse<String> response = http.post("/renewals",
                "{\"alias\":\"" + alias + "\",\"partnerId\":\"acme\",\"guaranteedDeliveryTime\":\"P30D\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("starting a renewal answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json(response).get("renewalId").asText();
    }

    /** The keystore reports the new key pair, in answer to the event {@code causationId} (RenewalStarted). */
    public void keyPairGenerated(String renewalId, String alias, String causationId) {
        Instant now = Instant.now();
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairGenerated(
                "report-" + UUID.randomUUID(), new RenewalId(renewalId), causationId, alias,
                Certificates.certificate(alias, "0A", now), Certificates.ref(alias, "01"), now)));
    }

    /** The partner acme confirms its step, signed, at the service's time (its clock may have been moved). */
    public void partnerConfirms(String renewalId, ConfirmationType confirmation) {
        kafka.send(PartnerSystem.ACME.confirmation(renewalId, "confirmation-" + UUID.randomUUID(), confirmation,
                serviceNow()));
    }

    private Instant serviceNow() {
        return Instant.parse(json(http.get("/admin/clock")).get("now").asText());
    }

    /** Moves the service's clock (it must run with keyrenewal.clock.movable=true). */
    public void advanceClock(Duration duration) {
        HttpResponse<String> response = http.post("/admin/clock/advance",
                "{\"duration\":\"" + duration + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("advancing the clock answered " + response.statusCode());
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
