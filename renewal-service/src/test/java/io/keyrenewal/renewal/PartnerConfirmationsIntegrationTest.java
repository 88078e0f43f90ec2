package io.keyrenewal.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.renewal.PartnerConfirmationRejected;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.messaging.PrivateKeyRedactingRecoverer;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.PartnerSystem;
import io.keyrenewal.renewal.support.Records;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
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

/**
 * The door into the system: partner confirmations on the topic and over REST. Each bad input goes to the dead-letter
 * topic with the reason, is recorded in the renewal's history, and leaves the renewal unchanged.
 */
// a context of its own: it moves the service's clock an hour on, and the clock cannot be moved back
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:confirmations-it;DB_CLOSE_DELAY=-1",
        "keyrenewal.clock.movable=true",
        "keyrenewal.confirmations.max-clock-skew=PT5M"})
@KafkaTestBroker(partitions = 1, brokerProperties = "message.max.bytes=2000000")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerConfirmationsIntegrationTest {

    static final String SWITCH = "PARTNER_SWITCHED_TO_NEW_KEY";
    static final PartnerSystem ACME = PartnerSystem.ACME;
    static final PartnerSystem GLOBEX = new PartnerSystem("globex", "globex-1");
    /** Signs with a key of its own but claims acme's key id. */
    static final PartnerSystem IMPOSTOR = new PartnerSystem("acme", "acme-2026");

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
        ACME.register(http, true);
        GLOBEX.register(http, true);
        events = new TopicRecorder(brokers, Topics.RENEWAL_EVENTS);
        deadLetters = new TopicRecorder(brokers, Topics.deadLetter(Topics.PARTNER_CONFIRMATIONS));
    }

    @AfterAll
    void disconnect() {
        events.close();
        deadLetters.close();
    }

    @Test
    void aSignedConfirmationOfTheRenewalsPartnerIsAppliedAndItsReplayOnlyOnce() {
        String renewalId = renewalAwaitingTheSwitch("alias-good");
        ProducerRecord<String, String> confirmation = ACME.confirmation(renewalId, "c-good",
                ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant());

        kafka.send(confirmation);
        await().atMost(Duration.ofSeconds(30)).until(() -> types(renewalId).contains("PartnerSwitchedToNewKey"));
        // the partner retries the same record later, even after its time went stale: acknowledged, applied once
        http.post("/admin/clock/advance", "{\"duration\":\"PT1H\"}");
        kafka.send(new ProducerRecord<>(confirmation.topic(), null, confirmation.key(), confirmation.value(),
                confirmation.headers()));
        String marker = renewalAwaitingTheSwitch("alias-after-replay");
        kafka.send(Records.raw(Topics.PARTNER_CONFIRMATIONS, marker, "{not json", "PartnerConfirmation"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.withKey(marker).isEmpty());

        assertThat(types(renewalId)).filteredOn("PartnerSwitchedToNewKey"::equals).hasSize(1);
        assertThat(types(renewalId)).doesNotContain("PartnerConfirmationRejected");
        assertThat(deadLetters.withKey(renewalId)).isEmpty();
    }

    @Test
    void theConfirmationsTopicKeepsTheBrokersArrivalTimeWhichTheClockSkewIsMeasuredAgainst() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PARTNER_CONFIRMATIONS);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

            assertThat(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value()).isEqualTo("LogAppendTime");
        }
    }

    @Test
    void malformedIncompleteAndUnknownTypesAreRejectedWithTheReason() {
        String renewalId = renewalAwaitingTheSwitch("alias-malformed");
        kafka.send(ACME.signed(renewalId, "{not json"));
        kafka.send(ACME.signed(renewalId, """
                {"confirmationId":"c-m1","renewalId":"%s","type":"SWITCHED_TO_NEW_KEY","confirmedAt":"%s"}"""
                .formatted(renewalId, clock.instant())));
        kafka.send(ACME.signed(renewalId, """
                {"confirmationId":"c-m2","renewalId":"%s","partnerId":"acme","type":"KEYS_ARE_FINE","confirmedAt":"%s"}"""
                .formatted(renewalId, clock.instant())));

        assertRejected(renewalId, "not a valid PartnerConfirmation", "partnerId is required", "KEYS_ARE_FINE");
    }

    @Test
    void unsignedWronglySignedAndForeignConfirmationsAreRejected() {
        String renewalId = renewalAwaitingTheSwitch("alias-signatures");
        String body = ACME.json(renewalId, "c-s1", ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant());
        kafka.send(Records.raw(Topics.PARTNER_CONFIRMATIONS, renewalId, body, "PartnerConfirmation"));
        kafka.send(IMPOSTOR.signed(renewalId, body));
        // globex signs correctly, but the renewal is acme's
        kafka.send(GLOBEX.confirmation(renewalId, "c-s3", ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant()));
        // acme's signature over a body naming globex: checked against globex's keys
        kafka.send(ACME.signed(renewalId, GLOBEX.json(renewalId, "c-s4", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant())));

        assertRejected(renewalId, "is not signed", "does not match the confirmation",
                "belongs to partner acme, not to globex", "signature of partner globex");
    }

    @Test
    void staleStepsNotAllowedNowUnknownRenewalsWrongKeysAndHugeRecordsAreRejected() {
        String renewalId = renewalAwaitingTheSwitch("alias-refused");
        String unknown = UUID.randomUUID().toString();
        kafka.send(ACME.confirmation(renewalId, "c-r1", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant().minus(Duration.ofMinutes(10))));
        kafka.send(ACME.confirmation(renewalId, "c-r2", ConfirmationType.VERIFIES_BOTH, clock.instant()));
        kafka.send(ACME.signed("another-key", ACME.json(renewalId, "c-r3", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant())));
        kafka.send(ACME.confirmation(unknown, "c-r4", ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant()));
        String huge = "{\"confirmationId\":\"" + "x".repeat(1_000_000) + "\"}";
        bigRecordTemplate().send(ACME.signed(renewalId, huge));

        assertRejected(renewalId, "at most PT5M is accepted", "VERIFIES_BOTH is not a step of playbook",
                "at most 16384 are accepted");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(reasons(deadLetters.withKey("another-key"))).anySatisfy(reason ->
                    assertThat(reason).contains("is about renewal " + renewalId).contains("another-key"));
            assertThat(reasons(deadLetters.withKey(unknown))).anySatisfy(reason ->
                    assertThat(reason).contains("unknown renewal"));
        });
    }

    @Test
    void aConfirmationCarryingAPrivateKeyIsRejectedAndItsDeadLetterHasTheKeyCutOut() {
        String renewalId = renewalAwaitingTheSwitch("alias-private-key");
        String secret = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgTHISISASECRET";
        String certificate = "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n";
        kafka.send(ACME.signed(renewalId, ContractJson.write(PartnerConfirmation.newCertificate("c-key",
                new RenewalId(renewalId), new PartnerId("acme"), clock.instant(), certificate))));

        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.withKey(renewalId).isEmpty());
        ConsumerRecord<String, String> letter = deadLetters.withKey(renewalId).get(0);
        assertThat(letter.value()).doesNotContain(secret).doesNotContain("PRIVATE KEY")
                .contains("[private key removed]").contains("\"confirmationId\":\"c-key\"");
        assertThat(TopicRecorder.header(letter, PrivateKeyRedactingRecoverer.REDACTED_HEADER)).isNotNull();
        assertThat(TopicRecorder.header(letter, MessageHeaders.DEAD_LETTER_REASON)).doesNotContain(secret);
    }

        @Test
    void aPartnerConfirmsOverRestWithTheSameRules() {
        String renewalId = renewalAwaitingTheSwitch("alias-rest");
        Http acme = http.as("acme");
        String path = "/partner-api/renewals/" + renewalId + "/confirmations";
        String body = ACME.json(renewalId, "c-rest", ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant());

        assertThat(acme.post(path, body).statusCode()).isEqualTo(422);
        assertThat(acme.post(path, body, IMPOSTOR.signatureHeader(body)).statusCode()).isEqualTo(422);
        String stale = ACME.json(renewalId, "c-rest-stale", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant().minus(Duration.ofHours(1)));
        assertThat(acme.post(path, stale, ACME.signatureHeader(stale)).statusCode()).isEqualTo(409);
        String forGlobex = GLOBEX.json(renewalId, "c-rest-g", ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant());
        assertThat(acme.post(path, forGlobex, GLOBEX.signatureHeader(forGlobex)).statusCode()).isEqualTo(403);
        assertThat(awaiting(renewalId)).isEqualTo(SWITCH);

        HttpResponse<String> applied = acme.post(path, body, ACME.signatureHeader(body));
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(json(applied).at("/renewal/awaiting").asText()).isNotEqualTo(SWITCH);
        assertThat(acme.post(path, body, ACME.signatureHeader(body)).statusCode()).isEqualTo(200);
        // the relay publishes the stored events to the topic shortly after
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(types(renewalId)).filteredOn("PartnerSwitchedToNewKey"::equals).hasSize(1);
            assertThat(rejections(renewalId)).extracting(PartnerConfirmationRejected::rejectionId)
                    .hasSize(4).allSatisfy(id -> assertThat(id).startsWith("rest:"));
        });

        assertThat(json(acme.get("/partner-api/renewals/" + renewalId)).get("renewalId").asText())
                .isEqualTo(renewalId);
        assertThat(json(acme.get("/partner-api/renewals"))).extracting(view -> view.get("partnerId").asText())
                .containsOnly("acme");
    }

    @Test
    void aPartnerSeesAndConfirmsOnlyItsOwnRenewals() {
        String globexRenewal = start("alias-globex", "globex");
        Http acme = http.as("acme");
        String body = GLOBEX.json(globexRenewal, "c-x", ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant());

        assertThat(acme.get("/partner-api/renewals/" + globexRenewal).statusCode()).isEqualTo(404);
        assertThat(acme.post("/partner-api/renewals/" + globexRenewal + "/confirmations", body,
                GLOBEX.signatureHeader(body)).statusCode()).isEqualTo(404);
        assertThat(json(acme.get("/partner-api/renewals"))).extracting(view -> view.get("renewalId").asText())
                .doesNotContain(globexRenewal);
    }

    @Test
    void aSignedRefusalIsRecordedWithItsReasonAndTheStepStaysAwaitedUntilThePartnerConfirmsAfterAll() {
        String renewalId = renewalAwaitingTheSwitch("alias-refusal");
        String reason = "our receiver accepts RSA-3072 certificates only";
        // a refusal without a reason, one signed with another key, and globex's for acme's renewal are rejected
        kafka.send(ACME.signed(renewalId, """
                {"confirmationId":"c-f0","renewalId":"%s","partnerId":"acme","type":"SWITCHED_TO_NEW_KEY",\
                "confirmedAt":"%s","outcome":"REFUSED"}""".formatted(renewalId, clock.instant())));
        kafka.send(IMPOSTOR.signed(renewalId, ACME.refusalJson(renewalId, "c-f1", ConfirmationType.SWITCHED_TO_NEW_KEY,
                reason, null, clock.instant())));
        kafka.send(GLOBEX.signed(renewalId, GLOBEX.refusalJson(renewalId, "c-f2",
                ConfirmationType.SWITCHED_TO_NEW_KEY, reason, null, clock.instant())));
        assertRejected(renewalId, "reason (of a refusal) is required", "does not match the confirmation",
                "belongs to partner acme, not to globex");
        assertThat(types(renewalId)).doesNotContain("PartnerRefusedStep");

        kafka.send(ACME.signed(renewalId, ACME.refusalJson(renewalId, "c-f3", ConfirmationType.SWITCHED_TO_NEW_KEY,
                reason, "KEY_ALGORITHM", clock.instant())));

        await().atMost(Duration.ofSeconds(30)).until(() -> types(renewalId).contains("PartnerRefusedStep"));
        PartnerRefusedStep refused = events.withKey(renewalId).stream()
                .filter(record -> "PartnerRefusedStep".equals(TopicRecorder.header(record, MessageHeaders.TYPE)))
                .map(record -> (PartnerRefusedStep) ContractJson.read(record.value(), RenewalEvent.class))
                .findFirst().orElseThrow();
        assertThat(refused.step()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.code()).isEqualTo("KEY_ALGORITHM");
        assertThat(refused.confirmationId()).isEqualTo("c-f3");
        JsonNode view = json(http.get("/renewals/" + renewalId)).get("renewal");
        assertThat(view.get("state").asText()).isEqualTo("OPEN");
        assertThat(view.get("awaiting").asText()).isEqualTo(SWITCH);
        assertThat(view.get("refusedStep").asText()).isEqualTo("SWITCHED_TO_NEW_KEY");
        assertThat(view.get("refusedBy").asText()).isEqualTo("partner:acme");
        assertThat(view.get("refusalReason").asText()).isEqualTo(reason);
        assertThat(view.get("refusalCode").asText()).isEqualTo("KEY_ALGORITHM");
        String export = http.get("/audit/export?renewalId=" + renewalId).body();
        assertThat(export.lines().filter(line -> line.contains("\"type\":\"PartnerRefusedStep\"")))
                .singleElement().asString().contains("\"actor\":\"partner:acme\"");

        kafka.send(ACME.confirmation(renewalId, "c-f4", ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(renewalId).contains("PartnerSwitchedToNewKey"));
        assertThat(json(http.get("/renewals/" + renewalId)).at("/renewal/refusedStep").isNull()).isTrue();
    }

    @Test
    void aPartnerRefusesOverRestWithTheSameRules() {
        String renewalId = renewalAwaitingTheSwitch("alias-rest-refusal");
        Http acme = http.as("acme");
        String path = "/partner-api/renewals/" + renewalId + "/confirmations";
        String notAwaited = ACME.refusalJson(renewalId, "c-rf1", ConfirmationType.VERIFIES_BOTH, "no", null,
                clock.instant());
        String body = ACME.refusalJson(renewalId, "c-rf2", ConfirmationType.SWITCHED_TO_NEW_KEY,
                "the new certificate's issuer is not in our trust list", "UNTRUSTED_ISSUER", clock.instant());

        assertThat(acme.post(path, body).statusCode()).isEqualTo(422);
        assertThat(acme.post(path, body, IMPOSTOR.signatureHeader(body)).statusCode()).isEqualTo(422);
        assertThat(acme.post(path, notAwaited, ACME.signatureHeader(notAwaited)).statusCode()).isEqualTo(409);
        HttpResponse<String> recorded = acme.post(path, body, ACME.signatureHeader(body));

        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(json(recorded).get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(json(recorded).at("/renewal/refusedStep").asText()).isEqualTo("SWITCHED_TO_NEW_KEY");
        assertThat(json(recorded).at("/renewal/refusalReason").asText())
                .isEqualTo("the new certificate's issuer is not in our trust list");
        assertThat(json(recorded).at("/renewal/awaiting").asText()).isEqualTo(SWITCH);
        assertThat(acme.post(path, body, ACME.signatureHeader(body)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(types(renewalId)).filteredOn("PartnerRefusedStep"::equals).hasSize(1));
    }

    /** Every reason is on the dead-letter topic and in the renewal's history; the renewal still awaits the switch. */
    private void assertRejected(String renewalId, String... reasons) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> deadLettered = reasons(deadLetters.withKey(renewalId));
            List<String> recorded = rejections(renewalId).stream().map(PartnerConfirmationRejected::reason).toList();
            for (String reason : reasons) {
                assertThat(deadLettered).anySatisfy(text -> assertThat(text).contains(reason));
                assertThat(recorded).anySatisfy(text -> assertThat(text).contains(reason));
            }
        });
        assertThat(awaiting(renewalId)).isEqualTo(SWITCH);
        assertThat(types(renewalId)).doesNotContain("PartnerSwitchedToNewKey");
    }

    private List<PartnerConfirmationRejected> rejections(String renewalId) {
        return events.withKey(renewalId).stream()
                .filter(record -> "PartnerConfirmationRejected".equals(TopicRecorder.header(record,
                        MessageHeaders.TYPE)))
                .map(record -> (PartnerConfirmationRejected) ContractJson.read(record.value(), RenewalEvent.class))
                .toList();
    }

    private static List<String> reasons(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> TopicRecorder.header(record, MessageHeaders.DEAD_LETTER_REASON))
                .toList();
    }

    private List<String> types(String renewalId) {
        return events.withKey(renewalId).stream()
                .map(record -> TopicRecorder.header(record, MessageHeaders.TYPE)).toList();
    }

    private KafkaTemplate<String, String> bigRecordTemplate() {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class)));
    }

    /** A playbook-3 renewal whose certificate went to the partner: it awaits SWITCHED_TO_NEW_KEY. */
    private String renewalAwaitingTheSwitch(String alias) {
        String renewalId = start(alias, "acme");
        Instant now = clock.instant();
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairGenerated("rep-" + alias,
                new RenewalId(renewalId), "cause-" + alias, alias, Certificates.certificate(alias, "02", now),
                Certificates.ref(alias, "01"), now)));
        await().atMost(Duration.ofSeconds(30)).until(() -> awaiting(renewalId).equals(SWITCH));
        return renewalId;
    }

    private String start(String alias, String partner) {
        HttpResponse<String> response = http.post("/renewals", "{\"alias\":\"" + alias + "\",\"partnerId\":\""
                + partner + "\",\"guaranteedDeliveryTime\":\"P30D\",\"playbook\":\"TENANT_DECRYPTS_OUTBOUND_RESPONSE\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        return json(response).get("renewalId").asText();
    }

    private String awaiting(String renewalId) {
        return json(http.get("/renewals/" + renewalId)).at("/renewal/awaiting").asText();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.statusCode() + " " + response.body(), e);
        }
    }
}
