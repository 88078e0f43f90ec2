package io.keyrenewal.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.PartnerSystem;
import io.keyrenewal.renewal.support.Records;
import io.keyrenewal.renewal.support.RenewalDriver;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.testsupport.PrometheusScrape;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// a context of its own: it moves the service's clock 91 days on, which would make others' deadlines fall due
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:renewal-it;DB_CLOSE_DELAY=-1",
        "keyrenewal.clock.movable=true",
        "keyrenewal.deadlines.polling-interval=PT0.5S",
        "keyrenewal.metrics.refresh-interval=PT0.2S"})
@KafkaTestBroker(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewalServiceIntegrationTest {

    static final String ALIAS = "partner-acme-decrypt";

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    Clock clock;

    Http http;
    TopicRecorder events;
    TopicRecorder deadLetters;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
        PartnerSystem.ACME.register(http, true);
        events = new TopicRecorder(brokers, Topics.RENEWAL_EVENTS);
        deadLetters = new TopicRecorder(brokers, Topics.deadLetter(Topics.PARTNER_CONFIRMATIONS),
                Topics.deadLetter(Topics.KEYSTORE_REPORTS));
    }

    @AfterAll
    void disconnect() {
        events.close();
        deadLetters.close();
    }

    @Test
    void runsPlaybook3FromTheRequestToTheRemovalOfTheOldKeyPair() {
        String renewalId = start(ALIAS);
        List<ConsumerRecord<String, String>> started = awaitEvents(renewalId, "RenewalStarted");
        ConsumerRecord<String, String> first = started.get(0);
        assertThat(TopicRecorder.header(first, MessageHeaders.ID)).isNotBlank();
        assertThat(TopicRecorder.header(first, MessageHeaders.SEQUENCE)).isEqualTo("0");
        assertThat(TopicRecorder.header(first, MessageHeaders.SUBJECT)).isEqualTo(renewalId);

        Instant now = Instant.now();
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairGenerated("rep-1",
                new RenewalId(renewalId), TopicRecorder.header(first, MessageHeaders.ID), ALIAS,
                Certificates.certificate(ALIAS, "02", now), Certificates.ref(ALIAS, "01"), now)));
        List<ConsumerRecord<String, String>> provided = awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided");
        CertificateProvided certificateProvided = (CertificateProvided) ContractJson.read(provided.get(2).value(),
                RenewalEvent.class);
        assertThat(certificateProvided.certificate().serialNumber()).isEqualTo("02");
        assertThat(awaiting(renewalId)).isEqualTo("PARTNER_SWITCHED_TO_NEW_KEY");

        kafka.send(PartnerSystem.ACME.confirmation(renewalId, "c-1", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant()));
        List<ConsumerRecord<String, String>> switched = awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided", "PartnerSwitchedToNewKey");
        PartnerSwitchedToNewKey switchedToNewKey = (PartnerSwitchedToNewKey) ContractJson.read(
                switched.get(3).value(), RenewalEvent.class);
        assertThat(Duration.between(switchedToNewKey.at(), switchedToNewKey.retainOldKeyUntil()))
                .isEqualTo(Duration.ofDays(90));

        HttpResponse<String> advanced = http.post("/admin/clock/advance", "{\"duration\":\"P91D\"}");
        assertThat(advanced.statusCode()).isEqualTo(200);
        JsonNode clock = RenewalDriver.json(http.get("/admin/clock"));
        assertThat(clock.get("movable").asBoolean()).isTrue();
        assertThat(Duration.parse(clock.get("movedBy").asText())).isGreaterThanOrEqualTo(Duration.ofDays(91));
        assertThat(Instant.parse(clock.get("now").asText())).isAfter(Instant.now().plus(Duration.ofDays(90)));
        List<ConsumerRecord<String, String>> decided = awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided", "PartnerSwitchedToNewKey", "OldKeyPairRemovalDecided");

        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairRemoved("rep-2",
                new RenewalId(renewalId), TopicRecorder.header(decided.get(4), MessageHeaders.ID), ALIAS,
                Certificates.ref(ALIAS, "01"), now)));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided",
                "PartnerSwitchedToNewKey", "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");

        JsonNode detail = json(http.get("/renewals/" + renewalId));
        assertThat(detail.at("/renewal/state").asText()).isEqualTo("COMPLETED");
        assertThat(detail.at("/history")).hasSize(7);
        assertThat(detail.at("/history/6/type").asText()).isEqualTo("RenewalCompleted");
    }

    @Test
    void sendsAMalformedConfirmationToTheDeadLetterTopicWithTheReasonAndCarriesOn() {
        String renewalId = start("alias-malformed");
        kafka.send(Records.raw(Topics.PARTNER_CONFIRMATIONS, renewalId, "{not json", "PartnerConfirmation"));
        kafka.send(Records.raw(Topics.PARTNER_CONFIRMATIONS, renewalId, """
                {"confirmationId":"c-9","renewalId":"%s","type":"SWITCHED_TO_NEW_KEY","confirmedAt":"2026-11-22T10:00:00Z"}"""
                .formatted(renewalId), "PartnerConfirmation"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.withKey(renewalId))
                .extracting(record -> TopicRecorder.header(record, MessageHeaders.DEAD_LETTER_REASON))
                .anySatisfy(reason -> assertThat(reason).contains("not a valid PartnerConfirmation"))
                .anySatisfy(reason -> assertThat(reason).contains("partnerId is required")));
        assertThatTheConsumerCarriesOn();
    }

    @Test
    void sendsConfirmationsTheRenewalRefusesToTheDeadLetterTopicAndLeavesTheRenewalUnchanged() {
        String renewalId = start("alias-refused");
        String unknownRenewal = UUID.randomUUID().toString();
        kafka.send(PartnerSystem.ACME.confirmation(renewalId, "c-early", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant()));
        kafka.send(PartnerSystem.ACME.signed("another-key", PartnerSystem.ACME.json(renewalId, "c-key",
                ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant())));
        kafka.send(PartnerSystem.ACME.confirmation(unknownRenewal, "c-unknown", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.poll(record ->
                        record.key().equals(renewalId) || record.key().equals("another-key")
                                || record.key().equals(unknownRenewal)))
                .extracting(record -> TopicRecorder.header(record, MessageHeaders.DEAD_LETTER_REASON))
                .anySatisfy(reason -> assertThat(reason).contains("PARTNER_SWITCHED_TO_NEW_KEY is not allowed yet"))
                .anySatisfy(reason -> assertThat(reason).contains("was sent for renewal another-key"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown renewal")));
        assertThat(awaiting(renewalId)).isEqualTo("KEY_PAIR_CREATED");
        // unchanged: the refusal is recorded in its history, nothing else happened
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.withKey(renewalId))
                .extracting(record -> TopicRecorder.header(record, MessageHeaders.TYPE))
                .containsExactly("RenewalStarted", "PartnerConfirmationRejected"));
    }

    @Test
    void tellsOperatorsWhereRenewalsStandHowLongStepsTookAndWhatWasDeadLetteredInMetrics() {
        String renewalId = start("alias-metrics");
        ConsumerRecord<String, String> started = awaitEvents(renewalId, "RenewalStarted").get(0);
        Map<String, String> awaitingTheKeystore = Map.of("playbook", "TENANT_DECRYPTS_OUTBOUND_RESPONSE",
                "awaiting", "KEY_PAIR_CREATED", "next_actor", "keystore");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                scrape().sum("keyrenewal_renewals_open", awaitingTheKeystore)).isGreaterThanOrEqualTo(1));

        Instant now = Instant.now();
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairGenerated("rep-metrics",
                new RenewalId(renewalId), TopicRecorder.header(started, MessageHeaders.ID), "alias-metrics",
                Certificates.certificate("alias-metrics", "02", now), Certificates.ref("alias-metrics", "01"), now)));
        kafka.send(Records.raw(Topics.PARTNER_CONFIRMATIONS, "metrics-" + renewalId, "{not json",
                "PartnerConfirmation"));
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape metrics = scrape();
            assertThat(metrics.sum("keyrenewal_renewals_open", Map.of("playbook", "TENANT_DECRYPTS_OUTBOUND_RESPONSE",
                    "awaiting", "PARTNER_SWITCHED_TO_NEW_KEY", "next_actor", "partner"))).isGreaterThanOrEqualTo(1);
            assertThat(metrics.sum("keyrenewal_renewal_step_duration_seconds_count", Map.of(
                    "playbook", "TENANT_DECRYPTS_OUTBOUND_RESPONSE", "step", "KEY_PAIR_CREATED", "actor", "keystore")))
                    .isGreaterThanOrEqualTo(1);
            // the step took at most as long as this test so far, so it lands at or under the 1-minute bucket
            assertThat(metrics.sum("keyrenewal_renewal_step_duration_seconds_bucket", Map.of(
                    "playbook", "TENANT_DECRYPTS_OUTBOUND_RESPONSE", "step", "KEY_PAIR_CREATED", "le", "60.0")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.sum("keyrenewal_renewal_events_total", Map.of("type", "CertificateProvided")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.sum("keyrenewal_messaging_dead_letters_total", Map.of(
                    "topic", Topics.PARTNER_CONFIRMATIONS, "kind", "permanent", "cause", "ConfirmationRejected")))
                    .as("dead letters %s", metrics.samples("keyrenewal_messaging_dead_letters_total", Map.of()))
                    .isGreaterThanOrEqualTo(1);
            // Axon's own: the tracking processor that relays events to Kafka
            assertThat(metrics.samples("eventProcessor_latency", Map.of("processorName", "kafka-relay")))
                    .as("Axon processor metrics among %s", metrics.names()).isNotEmpty();
        });
    }

    @Test
    void describesThePlaybooksItFollowsStepByStep() {
        JsonNode catalogue = json(http.get("/playbooks"));

        assertThat(catalogue.get("version").asInt()).isEqualTo(1);
        assertThat(catalogue.get("playbooks")).extracting(playbook -> playbook.get("playbook").asText())
                .containsExactly("TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH",
                        "TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME", "TENANT_DECRYPTS_OUTBOUND_RESPONSE",
                        "TENANT_DECRYPTS_INBOUND_REQUEST", "TENANT_SIGNS_OUTBOUND_REQUEST_VERIFY_BOTH",
                        "TENANT_VERIFIES_INBOUND_REQUEST", "TENANT_VERIFIES_OUTBOUND_RESPONSE",
                        "TENANT_ENCRYPTS_INBOUND_RESPONSE_DECRYPT_BOTH", "TENANT_ENCRYPTS_INBOUND_RESPONSE_WITH_DOWNTIME",
                        "TENANT_ENCRYPTS_OUTBOUND_REQUEST_DECRYPT_BOTH", "TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME",
                        "TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME");
        assertThat(catalogue.get("playbooks")).extracting(playbook -> playbook.get("number").asInt() + " "
                + playbook.get("title").asText()).containsExactly("1 signs inbound response, partner verifies both",
                "2 signs inbound response, with downtime", "3 decrypts outbound response",
                "4 decrypts inbound request", "5 signs outbound request, partner verifies both",
                "6 verifies inbound request (the sender's new certificate)",
                "7 verifies outbound response (the receiver's new certificate)",
                "8 encrypts inbound response (the sender's new certificate), partner decrypts with both",
                "9 encrypts inbound response (the sender's new certificate), with downtime",
                "10 encrypts outbound request (the receiver's new certificate), partner decrypts with both",
                "11 encrypts outbound request (the receiver's new certificate), with downtime and redeploy",
                "12 signs outbound request, with downtime and redeploy");
        assertThat(catalogue.get("playbooks")).extracting(playbook -> playbook.get("purpose").asText() + " "
                + playbook.get("partnerUsesBothKeys").asText()).containsExactly("SIGN_INBOUND_RESPONSE true",
                "SIGN_INBOUND_RESPONSE false", "DECRYPT_OUTBOUND_RESPONSE null", "DECRYPT_INBOUND_REQUEST null",
                "SIGN_OUTBOUND_REQUEST true", "VERIFY_INBOUND_REQUEST null", "VERIFY_OUTBOUND_RESPONSE null",
                "ENCRYPT_INBOUND_RESPONSE true", "ENCRYPT_INBOUND_RESPONSE false", "ENCRYPT_OUTBOUND_REQUEST true",
                "ENCRYPT_OUTBOUND_REQUEST false", "SIGN_OUTBOUND_REQUEST false");
        assertThat(catalogue.get("playbooks")).extracting(playbook -> playbook.get("partnerCertificateUse").asText())
                .containsExactly("null", "null", "null", "null", "null", "VERIFY_SIGNATURES", "VERIFY_SIGNATURES",
                        "ENCRYPT_TO_PARTNER", "ENCRYPT_TO_PARTNER", "ENCRYPT_TO_PARTNER", "ENCRYPT_TO_PARTNER", "null");
        JsonNode partnerCertificate = catalogue.at("/playbooks/5");
        assertThat(partnerCertificate.get("newKeyPair").asText()).as("no key pair of the tenant's")
                .isEqualTo("NONE");
        assertThat(partnerCertificate.get("partnerRole").asText()).isEqualTo("SENDER_ADMINISTRATOR");
        assertThat(partnerCertificate.at("/steps/1/confirmation").asText()).isEqualTo("NEW_CERTIFICATE");
        JsonNode decrypt = catalogue.at("/playbooks/2");
        assertThat(decrypt.get("newKeyPair").asText()).isEqualTo("ACTIVE_AT_ONCE");
        assertThat(decrypt.get("certificateUse").asText()).isEqualTo("ENCRYPT_WITH_NEW");
        assertThat(decrypt.get("retentionStartsAt").asText()).isEqualTo("PARTNER_SWITCHED_TO_NEW_KEY");
        assertThat(decrypt.get("steps")).extracting(step -> step.get("step").asText() + " by "
                        + step.get("actor").asText())
                .containsExactly("KEY_PAIR_CREATED by keystore", "CERTIFICATE_PROVIDED by system",
                        "PARTNER_SWITCHED_TO_NEW_KEY by partner", "OLD_KEY_PAIR_REMOVAL_DECIDED by system",
                        "OLD_KEY_PAIR_REMOVED by keystore", "COMPLETED by system");
        assertThat(decrypt.at("/steps/2/confirmation").asText()).isEqualTo("SWITCHED_TO_NEW_KEY");
        assertThat(decrypt.at("/steps/2/requires/0").asText()).isEqualTo("CERTIFICATE_PROVIDED");
        assertThat(catalogue.at("/playbooks/0/newKeyPair").asText()).isEqualTo("STAGED_UNTIL_EXCHANGE");
        assertThat(http.as("acme").get("/playbooks").statusCode()).as("not for a partner").isEqualTo(403);
    }

    @Test
    void answersAnInvalidRequestWithAProblemDetailNamingTheField() {
        HttpResponse<String> missing = http.post("/renewals", "{\"alias\":\"a1\",\"partnerId\":\"acme\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).contains("application/problem+json"));
        assertThat(json(missing).at("/errors/0/field").asText()).isEqualTo("guaranteedDeliveryTime");

        HttpResponse<String> badDuration = http.post("/renewals",
                "{\"alias\":\"a1\",\"partnerId\":\"acme\",\"guaranteedDeliveryTime\":\"thirty days\"}");
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertThat(json(badDuration).at("/detail").asText()).startsWith("guaranteedDeliveryTime");

        HttpResponse<String> badAlias = http.post("/renewals",
                "{\"alias\":\"Not An Alias\",\"partnerId\":\"acme\",\"guaranteedDeliveryTime\":\"P30D\"}");
        assertThat(badAlias.statusCode()).isEqualTo(400);
        assertThat(json(badAlias).at("/errors/0/field").asText()).isEqualTo("alias");

        assertThat(http.get("/renewals/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    private void assertThatTheConsumerCarriesOn() {
        String next = start("alias-after-bad-records");
        kafka.send(PartnerSystem.ACME.confirmation(next, "c-next", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.withKey(next))
                .extracting(record -> TopicRecorder.header(record, MessageHeaders.DEAD_LETTER_REASON))
                .anySatisfy(reason -> assertThat(reason).contains("not allowed yet")));
    }

    private String start(String alias) {
        HttpResponse<String> response = http.post("/renewals",
                "{\"alias\":\"" + alias + "\",\"partnerId\":\"acme\",\"guaranteedDeliveryTime\":\"P30D\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        String renewalId = json(response).get("renewalId").asText();
        assertThat(response.headers().firstValue("Location")).hasValue("/renewals/" + renewalId);
        return renewalId;
    }

    private PrometheusScrape scrape() {
        HttpResponse<String> response = http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.parse(response.body());
    }

    private String awaiting(String renewalId) {
        return json(http.get("/renewals/" + renewalId)).at("/renewal/awaiting").asText();
    }

    private List<ConsumerRecord<String, String>> awaitEvents(String renewalId, String... types) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.withKey(renewalId))
                .extracting(record -> TopicRecorder.header(record, MessageHeaders.TYPE))
                .containsExactly(types));
        return events.withKey(renewalId);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
