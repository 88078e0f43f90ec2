package io.keyrenewal.renewal.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.messaging.FailedDeliveries;
import io.keyrenewal.messaging.FailureKind;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.PartnerSystem;
import io.keyrenewal.renewal.support.Records;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transient fault is not bad input: while its PostgreSQL server is down, the service's consumers wait and retry the
 * records that would advance renewals, dead-letter none of them, and apply each once when the server is back; the
 * service reports itself not ready meanwhile. A record that can never be applied still goes to the dead-letter topic
 * at once. The service runs on a PostgreSQL server of its own (zonky), stopped and started on the same port and data
 * directory.
 */
// a context of its own: it stops and starts the service's own PostgreSQL server, and the context is closed after
@ExtendWith(DatabaseOutageIntegrationTest.StopPostgresAfterTheService.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "keyrenewal.clock.movable=true",
        // a stopped server is noticed in 2 s rather than Hikari's default 30 s
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.hikari.validation-timeout=1000",
        // the consumers try again at least every 2 s once the server is back
        "keyrenewal.messaging.transient-retry.max-interval=2s"})
@KafkaTestBroker(partitions = 1)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** More than the old error handler's attempts (1 + 2 retries) before it dead-lettered anything. */
    private static final long FAILED_ATTEMPTS_BEFORE_RESTART = 4;

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres postgres;

    @LocalServerPort
    int serverPort;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    FailedDeliveries failedDeliveries;
    @Autowired
    Clock clock;

    Http http;
    TopicRecorder deadLetters;

    @DynamicPropertySource
    static void ownPostgresServer(DynamicPropertyRegistry registry) throws IOException {
        dataDirectory = Files.createTempDirectory("renewal-outage-postgres");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = startPostgres();
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory.resolve("data"))
                .setCleanDataDirectory(false).setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + serverPort);
        PartnerSystem.ACME.register(http, true);
        deadLetters = new TopicRecorder(brokers, Topics.deadLetter(Topics.PARTNER_CONFIRMATIONS),
                Topics.deadLetter(Topics.KEYSTORE_REPORTS));
    }

    @AfterAll
    void disconnect() {
        deadLetters.close();
    }

    /**
     * Stops the PostgreSQL server after the service (@DirtiesContext closes it), so its pools and processors do not
     * keep calling a server that is gone: declared before {@code @SpringBootTest}, this extension's afterAll runs
     * after Spring's.
     */
    static class StopPostgresAfterTheService implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext extension) throws IOException {
            if (postgres != null) {
                postgres.close();
            }
            if (dataDirectory != null) {
                FileSystemUtils.deleteRecursively(dataDirectory);
            }
        }
    }

    @Test
    void theConsumersRideOutADatabaseOutageWithoutDeadLetteringAndApplyEachRecordOnce() throws IOException {
        String awaitingKeystore = start("alias-outage-keystore");
        String awaitingPartner = start("alias-outage-partner");
        kafka.send(keyPairGenerated(awaitingPartner, "alias-outage-partner"));
        await().atMost(PATIENCE).until(() -> awaiting(awaitingPartner).equals("PARTNER_SWITCHED_TO_NEW_KEY"));
        Counts before = counts();
        assertThat(readiness().statusCode()).isEqualTo(200);

        postgres.close();
        await().atMost(PATIENCE).until(() -> readiness().statusCode() == 503);
        assertThat(http.anonymous().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        kafka.send(keyPairGenerated(awaitingKeystore, "alias-outage-keystore"));
        kafka.send(PartnerSystem.ACME.confirmation(awaitingPartner, "c-outage", ConfirmationType.SWITCHED_TO_NEW_KEY,
                clock.instant()));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(counts().since(before).transientReports()).isGreaterThanOrEqualTo(FAILED_ATTEMPTS_BEFORE_RESTART);
            assertThat(counts().since(before).transientConfirmations())
                    .isGreaterThanOrEqualTo(FAILED_ATTEMPTS_BEFORE_RESTART);
        });
        assertThat(counts().since(before).deadLettered()).isZero();
        assertThat(counts().since(before).permanent()).isZero();
        assertThat(deadLettersOf(awaitingKeystore, awaitingPartner)).isEmpty();
        assertThat(readiness().statusCode()).isEqualTo(503);

        postgres = startPostgres();

        await().atMost(PATIENCE).until(() -> readiness().statusCode() == 200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(storedTypes(awaitingKeystore)).containsExactly("RenewalStarted", "NewKeyPairCreated",
                    "CertificateProvided");
            assertThat(storedTypes(awaitingPartner)).containsExactly("RenewalStarted", "NewKeyPairCreated",
                    "CertificateProvided", "PartnerSwitchedToNewKey");
        });
        assertThat(awaiting(awaitingKeystore)).isEqualTo("PARTNER_SWITCHED_TO_NEW_KEY");
        assertThat(counts().since(before).deadLettered()).isZero();
        assertThat(counts().since(before).permanent()).isZero();
        assertThat(deadLettersOf(awaitingKeystore, awaitingPartner)).isEmpty();
    }

    @Test
    void aRecordThatCanNeverBeAppliedGoesToTheDeadLetterTopicAtOnceWithTheReason() {
        String renewalId = start("alias-refusals");
        Counts before = counts();

        // unsigned; and a removal the renewal has not decided, refused by the aggregate through Axon's gateway
        kafka.send(Records.raw(Topics.PARTNER_CONFIRMATIONS, renewalId, PartnerSystem.ACME.json(renewalId,
                "c-unsigned", ConfirmationType.SWITCHED_TO_NEW_KEY, clock.instant()), "PartnerConfirmation"));
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairRemoved("rep-early",
                new RenewalId(renewalId), "cause-early", "alias-refusals", Certificates.ref("alias-refusals", "01"),
                Instant.now())));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettersOf(renewalId))
                .extracting(record -> record.topic() + " " + TopicRecorder.header(record,
                        MessageHeaders.DEAD_LETTER_REASON))
                .anySatisfy(reason -> assertThat(reason).startsWith(Topics.deadLetter(Topics.PARTNER_CONFIRMATIONS)
                        + " confirmation rejected (UNAUTHENTICATED):").contains("is not signed"))
                .anySatisfy(reason -> assertThat(reason).startsWith(Topics.deadLetter(Topics.KEYSTORE_REPORTS)
                        + " StepNotAllowed: OLD_KEY_PAIR_REMOVED is not allowed yet")));
        // the counts follow the dead letters (the error handler counts once the record is on the dead-letter topic)
        await().atMost(PATIENCE).untilAsserted(() -> {
            Counts after = counts().since(before);
            assertThat(after.permanent()).isEqualTo(2);
            assertThat(after.deadLettered()).isEqualTo(2);
        });
        Counts after = counts().since(before);
        assertThat(after.transientReports() + after.transientConfirmations() + after.unknown()).isZero();
        ConsumerRecord<String, String> deadLetter = deadLettersOf(renewalId).get(0);
        assertThat(TopicRecorder.header(deadLetter, "kafka_dlt-original-topic")).isNotBlank();
        assertThat(TopicRecorder.header(deadLetter, "kafka_dlt-original-offset")).isNotNull();
        assertThat(TopicRecorder.header(deadLetter, MessageHeaders.ID)).isNotBlank();
    }

    /** The failures the service's consumers counted, by topic and kind. */
    private record Counts(long transientReports, long transientConfirmations, long unknown, long permanent,
                          long deadLettered) {

        Counts since(Counts before) {
            return new Counts(transientReports - before.transientReports,
                    transientConfirmations - before.transientConfirmations, unknown - before.unknown,
                    permanent - before.permanent, deadLettered - before.deadLettered);
        }
    }

    private Counts counts() {
        List<String> topics = List.of(Topics.KEYSTORE_REPORTS, Topics.PARTNER_CONFIRMATIONS);
        return new Counts(failedDeliveries.failures(Topics.KEYSTORE_REPORTS, FailureKind.TRANSIENT),
                failedDeliveries.failures(Topics.PARTNER_CONFIRMATIONS, FailureKind.TRANSIENT),
                topics.stream().mapToLong(topic -> failedDeliveries.failures(topic, FailureKind.UNKNOWN)).sum(),
                topics.stream().mapToLong(topic -> failedDeliveries.failures(topic, FailureKind.PERMANENT)).sum(),
                topics.stream().mapToLong(failedDeliveries::deadLetters).sum());
    }

    private List<ConsumerRecord<String, String>> deadLettersOf(String... renewalIds) {
        List<String> keys = Arrays.asList(renewalIds);
        return deadLetters.poll(record -> keys.contains(record.key()));
    }

    private HttpResponse<String> readiness() {
        return http.anonymous().get("/actuator/health/readiness");
    }

    private String start(String alias) {
        HttpResponse<String> response = http.post("/renewals",
                "{\"alias\":\"" + alias + "\",\"partnerId\":\"acme\",\"guaranteedDeliveryTime\":\"P30D\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        return Http.json(response).get("renewalId").asText();
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, String> keyPairGenerated(String renewalId,
                                                                                                     String alias) {
        Instant now = Instant.now();
        return Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairGenerated("rep-" + UUID.randomUUID(),
                new RenewalId(renewalId), "cause-" + renewalId, alias, Certificates.certificate(alias, "02", now),
                Certificates.ref(alias, "01"), now));
    }

    private String awaiting(String renewalId) {
        return Http.json(http.get("/renewals/" + renewalId)).at("/renewal/awaiting").asText();
    }

    /** The types of the renewal's events as the event store holds them, in order. */
    private List<String> storedTypes(String renewalId) {
        HttpResponse<String> export = http.get("/audit/export?renewalId=" + renewalId);
        assertThat(export.statusCode()).isEqualTo(200);
        return export.body().lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                JsonNode event = ContractJson.mapper().readTree(line);
                return event.get("type").asText();
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }
}
