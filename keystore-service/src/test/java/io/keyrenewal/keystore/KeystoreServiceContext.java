package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
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
        registry.add("spring.datasource.hikari.exception-override-class-name", H2LostSessionEvicts.class::getName);
        // a record that fails for a passing reason is retried at most every 3 s here (30 s in production), so the
        // outage test's record is applied within its patience once the database is back, however many pauses the
        // outage took: with 30 s the pause after the outage could itself be the whole patience
        registry.add("keyrenewal.messaging.transient-retry.max-interval", () -> "3s");
        // local users: one with every role for the operations, one auditor to show a role is enforced
        // the gauges read the index once at the start and when a test asks: a reading every few seconds would meet
        // the outage test's exclusive H2 session, which then leaves H2 closed for every later connection
        registry.add("keyrenewal.metrics.refresh-interval", () -> "P1D");
        // POST /admin/clock/advance reaches a retention date; a test class that moves the clock closes the context
        // after it (@DirtiesContext) and runs last (@Order), as the other classes' certificates and dates are made
        // for the real time
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
                        + "wayne-sign,oscorp-sign,tyrell-sign,acme-ca-sign,acme-ca-decrypt,gringotts-decrypt,cyberdyne-sign,"
                        + "cyberdyne-decrypt");
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

    RenewalStarted caRenewal(String alias, Playbook playbook) {
        return new RenewalStarted(RenewalId.random(), alias, new PartnerId("acme"), playbook, Duration.ofDays(30),
                KeyAlgorithm.EC_P256, Instant.now(), ExchangeApproval.TENANT_APPROVES,
                "CN=" + alias + ", O=Tenant AG, C=CH", null, CertificateSource.CA);
    }

    static PKCS10CertificationRequest certificationRequest(String pem) throws Exception {
        return new PKCS10CertificationRequest(Base64.getDecoder().decode(
                pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")));
    }

    JsonNode postPem(String path, String pem, int expectedStatus) throws Exception {
        ResponseEntity<String> response = post(path, pem, MediaType.parseMediaType("application/x-pem-file"));
        assertThat(response.getStatusCode().value()).as("POST %s: %s", path, response.getBody())
                .isEqualTo(expectedStatus);
        return ContractJson.mapper().readTree(response.getBody());
    }

    JsonNode postJson(String path, String json) throws Exception {
        ResponseEntity<String> response = post(path, json);
        assertThat(response.getStatusCode().value()).as("POST %s: %s", path, response.getBody()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.getBody());
    }

    ResponseEntity<String> post(String path, String json) {
        return post(path, json, MediaType.APPLICATION_JSON);
    }

    ResponseEntity<String> post(String path, String body, MediaType type) {
        return post(path, body, type, LOGIN);
    }

    KeyPairGenerated startSigningRenewal(String alias, Playbook playbook) {
        RenewalStarted started = new RenewalStarted(RenewalId.random(), alias, new PartnerId("acme"), playbook,
                Duration.ofDays(30), KeyAlgorithm.EC_P256, Instant.now());
        return (KeyPairGenerated) awaitReports(publish(started), 1).get(0);
    }

    List<JsonNode> historyFromApi(String entry) throws Exception {
        ResponseEntity<String> response = get("/keystore/entries/" + entry + "/history");
        assertThat(response.getStatusCode().value()).as("history of %s: %s", entry, response.getBody())
                .isEqualTo(200);
        List<JsonNode> changes = new ArrayList<>();
        ContractJson.mapper().readTree(response.getBody()).forEach(changes::add);
        return changes;
    }

    RenewalStarted renewalStarted(String alias, KeyAlgorithm algorithm) {
        return new RenewalStarted(RenewalId.random(), alias, new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), algorithm, Instant.now());
    }

    ConsumerRecord<String, String> awaitDeadLetter(String messageId) {
        return await().atMost(PATIENCE)
                .until(() -> published.deadLettersWithId(messageId), records -> !records.isEmpty()).get(0);
    }

    /** Every alias's file as the JDK reads it, merged into one in-memory keystore. */
    KeyStore loadKeystoreFile() throws Exception {
        KeyStore merged = KeyStore.getInstance("PKCS12");
        merged.load(null, null);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dataDir.resolve("keystore-service").resolve("keystore"))) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".p12")).toList();
        }
        for (Path file : files) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                keystore.load(in, PASSWORD.toCharArray());
            }
            for (String entryName : Collections.list(keystore.aliases())) {
                if (keystore.isCertificateEntry(entryName)) {
                    merged.setCertificateEntry(entryName, keystore.getCertificate(entryName));
                    continue;
                }
                merged.setKeyEntry(entryName, keystore.getKey(entryName, PASSWORD.toCharArray()),
                        PASSWORD.toCharArray(), keystore.getCertificateChain(entryName));
            }
        }
        return merged;
    }

    X509Certificate certificateInFile(String entryName) throws Exception {
        X509Certificate certificate = (X509Certificate) loadKeystoreFile().getCertificate(entryName);
        assertThat(certificate).as("certificate of entry %s", entryName).isNotNull();
        return certificate;
    }

    List<String> entriesOf(String alias) throws Exception {
        return Collections.list(loadKeystoreFile().aliases()).stream()
                .filter(name -> name.equals(alias) || name.startsWith(alias + ".retained.")
                        || name.startsWith(alias + ".staged."))
                .sorted()
                .toList();
    }

    /** Every private key in the keystore file as it could leak: PKCS#8 (Base64, first PEM line, hex), the secret in hex. */
    List<String> privateKeyRenditions() throws Exception {
        KeyStore keystore = loadKeystoreFile();
        List<String> renditions = new ArrayList<>();
        for (String entryName : Collections.list(keystore.aliases())) {
            if (!keystore.isKeyEntry(entryName)) {
                continue; // a partner's certificate: no private key
            }
            Key key = keystore.getKey(entryName, PASSWORD.toCharArray());
            byte[] pkcs8 = key.getEncoded();
            renditions.add(Base64.getEncoder().encodeToString(pkcs8));
            renditions.add(Base64.getEncoder().encodeToString(pkcs8).substring(0, 64));
            renditions.add(HexFormat.of().formatHex(pkcs8));
            if (key instanceof ECPrivateKey ec) {
                renditions.add(ec.getS().toString(16));
            } else if (key instanceof RSAPrivateCrtKey rsa) {
                renditions.add(rsa.getPrivateExponent().toString(16));
                renditions.add(rsa.getPrimeP().toString(16));
            }
        }
        return renditions;
    }

    JsonNode entryFromApi(String entryName) throws Exception {
        String alias = entryName.split("\\.(retained|staged)\\.")[0];
        JsonNode entries = ContractJson.mapper().readTree(get("/keystore/entries?alias=" + alias).getBody());
        for (JsonNode entry : entries) {
            if (entry.get("entryName").asText().equals(entryName)) {
                return entry;
            }
        }
        throw new AssertionError("the API lists no entry " + entryName + ": " + entries);
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
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
