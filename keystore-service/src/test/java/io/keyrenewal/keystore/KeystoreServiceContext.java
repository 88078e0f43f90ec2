package io.keyrenewal.keystore;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The service against a real (embedded) Kafka broker, real keystore files and H2 in a folder of its own under
 * {@code target}: one Spring context and one broker for every test class that extends this one (Spring's context
 * cache finds the same configuration), as each class's tests use aliases of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@KafkaTestBroker(partitions = 2)
@Import(PublishedRecords.class)
abstract class KeystoreServiceContext {

    static final String PASSWORD = "integration-test-password";
    /** BCrypt of "keystore-test" at the lowest cost: every request checks it again. */
    static final String TEST_PASSWORD_HASH = "{bcrypt}$2a$04$eW7ZxB7yBmdojk5n92Qc.esMIprRGZ4v/rQ02byBAe.t4coonuZ0K";
    static final String LOGIN = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "keystore-test:keystore-test".getBytes(StandardCharsets.UTF_8));

    /** Lives as long as the context (past one test class, unlike a {@code @TempDir}); {@code mvn clean} removes it. */
    static final Path dataDir = newDataDir();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("KEYRENEWAL_DATA_DIR", dataDir::toString);
        registry.add("KEYSTORE_PASSWORD", () -> PASSWORD);
        // a database that refuses connections is noticed in 2 s rather than Hikari's default 30 s
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        // local users: one with every role for the operations, one auditor to show a role is enforced
        // the gauges read the index once at the start and when a test asks: a reading every few seconds would meet
        // the outage test's exclusive H2 session, which then leaves H2 closed for every later connection
        registry.add("keyrenewal.metrics.refresh-interval", () -> "P1D");
        // POST /admin/clock/advance reaches a retention date; a test class that moves the clock closes the context
        // after it (@DirtiesContext), as the other classes' certificates and dates are made for the real time
        registry.add("keyrenewal.clock.movable", () -> "true");
        registry.add("keyrenewal.security.mode", () -> "local");
        registry.add("keyrenewal.security.users[0].username", () -> "keystore-test");
        registry.add("keyrenewal.security.users[0].password", () -> TEST_PASSWORD_HASH);
        registry.add("keyrenewal.security.users[0].roles", () -> "TENANT_ADMIN,AUDITOR,INTEGRATION_FLOW");
        registry.add("keyrenewal.security.users[1].username", () -> "keystore-auditor");
        registry.add("keyrenewal.security.users[1].password", () -> TEST_PASSWORD_HASH);
        registry.add("keyrenewal.security.users[1].roles", () -> "AUDITOR");
        // an integration flow only, to show the tenant administrator's operations are not its
        registry.add("keyrenewal.security.users[2].username", () -> "keystore-flow");
        registry.add("keyrenewal.security.users[2].password", () -> TEST_PASSWORD_HASH);
        registry.add("keyrenewal.security.users[2].roles", () -> "INTEGRATION_FLOW");
        registry.add("KEYSTORE_SEED_ALIASES",
                () -> "acme-decrypt, globex-decrypt,initech-decrypt,umbrella-decrypt,hooli-decrypt,wayne-decrypt,"
                        + "wonka-decrypt,acme-sign,globex-sign,initech-sign,hooli-sign,umbrella-sign,stark-sign,"
                        + "wayne-sign,oscorp-sign,tyrell-sign,acme-ca-sign,acme-ca-decrypt,gringotts-decrypt");
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    PublishedRecords published;

    /** Every answer of the API in this test: headers and body. */
    final List<String> apiResponses = new ArrayList<>();

    ResponseEntity<String> get(String path) {
        return get(path, LOGIN);
    }

    ResponseEntity<String> get(String path, String login) {
        return call(HttpMethod.GET, path, null, null, login);
    }

    ResponseEntity<String> post(String path, String body, MediaType type, String login) {
        return call(HttpMethod.POST, path, body, type, login);
    }

    ResponseEntity<String> delete(String path, String login) {
        return call(HttpMethod.DELETE, path, null, null, login);
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String body, MediaType type, String login) {
        RestClient.RequestBodySpec call = RestClient.create("http://localhost:" + port).method(method).uri(path);
        if (login != null) {
            call.header("Authorization", login);
        }
        if (body != null) {
            call.contentType(type).body(body);
        }
        ResponseEntity<String> response = call
                .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
                        .headers(answer.getHeaders())
                        .body(new String(answer.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        apiResponses.add(response.getHeaders() + " " + response.getBody());
        return response;
    }

    /** Publishes {@code event} on {@code renewal.events.v1} under a new message id, which it returns. */
    String publish(RenewalEvent event) {
        String messageId = UUID.randomUUID().toString();
        publish(messageId, event);
        return messageId;
    }

    void publish(String messageId, RenewalEvent event) {
        send(messageId, event.renewalId().value(), ContractJson.write(event));
    }

    void send(String messageId, String key, String body) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RENEWAL_EVENTS, key, body);
        record.headers().add(MessageHeaders.ID, messageId.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    /** The first {@code count} reports answering the message {@code causationId}, once the service published them. */
    List<ConsumerRecord<String, String>> awaitReportRecords(String causationId, int count) {
        return await().atMost(PATIENCE)
                .until(() -> published.reportRecordsAnswering(causationId), records -> records.size() >= count);
    }

    List<KeystoreReport> awaitReports(String causationId, int count) {
        return awaitReportRecords(causationId, count).stream().map(PublishedRecords::report).toList();
    }

    private static Path newDataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "keystore-service-context-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
