package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.journal.KeyGeneration;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against a real (embedded) Kafka broker, a real keystore file and H2 in a temporary folder. One class,
 * so every test shares one Spring context and one broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(PublishedRecords.class)
@DirtiesContext
class KeystoreServiceIntegrationTest {

    private static final String PASSWORD = "integration-test-password";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("KEYRENEWAL_DATA_DIR", () -> dataDir.toString());
        registry.add("KEYSTORE_PASSWORD", () -> PASSWORD);
        registry.add("KEYSTORE_SEED_ALIASES",
                () -> "acme-decrypt, globex-decrypt,initech-decrypt,umbrella-decrypt,hooli-decrypt,wayne-decrypt,"
                        + "wonka-decrypt");
    }

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    PublishedRecords published;
    @Autowired
    KeyGenerationJournal journal;
    @LocalServerPort
    int port;

    private final List<String> apiResponses = new ArrayList<>();

    @Test
    void seedsTheConfiguredAliasesWithAnInitialKeyPairInTheKeystoreFile() throws Exception {
        KeyStore keystore = loadKeystoreFile();

        assertThat(Collections.list(keystore.aliases())).contains("acme-decrypt", "globex-decrypt", "wayne-decrypt");
        assertThat(keystore.isKeyEntry("hooli-decrypt")).isTrue();
        assertThat(Files.exists(dataDir.resolve("keystore-service").resolve("keystore-log.mv.db"))).isTrue();
    }

    @Test
    void generatesANewKeyPairAndRetainsTheSeededOneWhenARenewalStarts() throws Exception {
        X509Certificate seeded = certificateInFile("acme-decrypt");
        RenewalStarted started = renewalStarted("acme-decrypt", KeyAlgorithm.EC_P256);
        String messageId = publish(started);

        ConsumerRecord<String, String> record = awaitReportRecords(messageId, 1).get(0);
        KeyPairGenerated generated = (KeyPairGenerated) PublishedRecords.report(record);

        assertThat(generated.renewalId()).isEqualTo(started.renewalId());
        assertThat(generated.alias()).isEqualTo("acme-decrypt");
        assertThat(generated.previous()).isNotNull();
        assertThat(generated.previous().sha256()).isEqualTo(Fingerprint.sha256Of(seeded.getEncoded()));
        assertThat(generated.previous().serialNumber()).isEqualTo(seeded.getSerialNumber().toString(16));
        X509Certificate current = certificateInFile("acme-decrypt");
        assertThat(generated.certificate().sha256()).isEqualTo(Fingerprint.sha256Of(current.getEncoded()));
        assertThat(parse(generated.certificate().pem()).getEncoded()).isEqualTo(current.getEncoded());
        assertThat(certificateInFile("acme-decrypt.retained." + generated.previous().serialNumber()).getEncoded())
                .isEqualTo(seeded.getEncoded());

        assertThat(record.key()).isEqualTo(started.renewalId().value());
        assertThat(PublishedRecords.header(record, MessageHeaders.ID)).isEqualTo(generated.reportId());
        assertThat(PublishedRecords.header(record, MessageHeaders.TYPE)).isEqualTo("KeyPairGenerated");
        assertThat(PublishedRecords.header(record, MessageHeaders.SOURCE)).isEqualTo("/keyrenewal/keystore-service");
        assertThat(PublishedRecords.header(record, MessageHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(PublishedRecords.header(record, MessageHeaders.SUBJECT)).isEqualTo(started.renewalId().value());
        assertThat(Instant.parse(PublishedRecords.header(record, MessageHeaders.TIME))).isEqualTo(generated.at());
    }

    @Test
    void answersARedeliveredRenewalStartWithTheSameReportAndNoSecondKey() throws Exception {
        RenewalStarted started = renewalStarted("globex-decrypt", KeyAlgorithm.EC_P384);
        String messageId = UUID.randomUUID().toString();
        publish(messageId, started);
        KeystoreReport first = awaitReports(messageId, 1).get(0);

        publish(messageId, started);
        List<KeystoreReport> reports = awaitReports(messageId, 2);

        assertThat(reports.get(1)).isEqualTo(first);
        assertThat(entriesOf("globex-decrypt")).hasSize(2);
        assertThat(Fingerprint.sha256Of(certificateInFile("globex-decrypt").getEncoded()))
                .isEqualTo(((KeyPairGenerated) first).certificate().sha256());
    }

    @Test
    void reportsTheStoredKeyWhenTheSameRenewalStartsAgainUnderAnotherMessageId() throws Exception {
        RenewalStarted started = renewalStarted("initech-decrypt", KeyAlgorithm.EC_P256);
        KeyPairGenerated first = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);

        String retryId = publish(started);
        KeyPairGenerated again = (KeyPairGenerated) awaitReports(retryId, 1).get(0);

        assertThat(again.reportId()).isNotEqualTo(first.reportId());
        assertThat(again.causationId()).isEqualTo(retryId);
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(again.previous()).isEqualTo(first.previous());
        assertThat(entriesOf("initech-decrypt")).hasSize(2);
    }

    @Test
    void generatesAgainWhenTheRecordedKeyPairNeverReachedTheKeystore() throws Exception {
        RenewalStarted started = renewalStarted("stark-decrypt", KeyAlgorithm.EC_P256);
        Fingerprint lost = new Fingerprint("0".repeat(64));
        journal.record(new KeyGeneration(started.renewalId(), "stark-decrypt", lost, null));

        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);

        assertThat(generated.certificate().sha256()).isNotEqualTo(lost)
                .isEqualTo(Fingerprint.sha256Of(certificateInFile("stark-decrypt").getEncoded()));
        assertThat(generated.previous()).isNull();
        assertThat(journal.find(started.renewalId())).map(KeyGeneration::certificate)
                .contains(generated.certificate().sha256());
    }

    @Test
    void generatesTheRsaKeyPairTheRenewalAsksForWithoutPreviousForANewAlias() throws Exception {
        RenewalStarted started = renewalStarted("Partner-RSA-Decrypt", KeyAlgorithm.RSA_2048);

        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);

        assertThat(generated.alias()).isEqualTo("partner-rsa-decrypt");
        assertThat(generated.previous()).isNull();
        assertThat(certificateInFile("partner-rsa-decrypt").getSigAlgName()).isEqualTo("SHA256withRSA");
        JsonNode entry = entryFromApi("partner-rsa-decrypt");
        assertThat(entry.get("keyAlgorithm").asText()).isEqualTo("RSA_2048");
        assertThat(entry.get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void reportsAFailureWhenTheAliasCannotNameAKeystoreEntry() {
        RenewalStarted started = renewalStarted("no such/alias", KeyAlgorithm.EC_P256);

        KeystoreReport report = awaitReports(publish(started), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("GENERATE");
            assertThat(failed.reason()).contains("no such/alias");
        });
    }

    @Test
    void removesTheRetainedKeyWhenTheRenewalDecidesSoAndReportsItAgainWhenAskedTwice() throws Exception {
        RenewalStarted started = renewalStarted("umbrella-decrypt", KeyAlgorithm.EC_P256);
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);
        CertificateRef old = generated.previous();
        String retainedEntry = "umbrella-decrypt.retained." + old.serialNumber();
        assertThat(loadKeystoreFile().containsAlias(retainedEntry)).isTrue();

        OldKeyPairRemovalDecided decided = new OldKeyPairRemovalDecided(started.renewalId(), "umbrella-decrypt", old,
                Instant.now());
        KeystoreReport removed = awaitReports(publish(decided), 1).get(0);

        assertThat(removed).isInstanceOfSatisfying(KeyPairRemoved.class, report -> {
            assertThat(report.removed()).isEqualTo(old);
            assertThat(report.alias()).isEqualTo("umbrella-decrypt");
        });
        assertThat(entriesOf("umbrella-decrypt")).containsExactly("umbrella-decrypt");
        assertThat(Fingerprint.sha256Of(certificateInFile("umbrella-decrypt").getEncoded()))
                .isEqualTo(generated.certificate().sha256());

        KeystoreReport removedAgain = awaitReports(publish(decided), 1).get(0);
        assertThat(removedAgain).isInstanceOfSatisfying(KeyPairRemoved.class,
                report -> assertThat(report.removed()).isEqualTo(old));
    }

    @Test
    void refusesToRemoveTheCurrentKeyPairOfAnAlias() throws Exception {
        X509Certificate current = certificateInFile("hooli-decrypt");
        CertificateRef currentRef = new CertificateRef(Fingerprint.sha256Of(current.getEncoded()),
                current.getIssuerX500Principal().getName(), current.getSerialNumber().toString(16));
        OldKeyPairRemovalDecided decided = new OldKeyPairRemovalDecided(RenewalId.random(), "hooli-decrypt",
                currentRef, Instant.now());

        KeystoreReport report = awaitReports(publish(decided), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("REMOVE");
            assertThat(failed.reason()).contains("current key pair");
        });
        assertThat(certificateInFile("hooli-decrypt").getEncoded()).isEqualTo(current.getEncoded());
    }

    @Test
    void reportsNothingRemovedWhenTheAliasHeldNoKeyPairBeforeTheRenewal() {
        OldKeyPairRemovalDecided decided = new OldKeyPairRemovalDecided(RenewalId.random(), "hooli-decrypt", null,
                Instant.now());

        KeystoreReport report = awaitReports(publish(decided), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairRemoved.class,
                removed -> assertThat(removed.removed()).isNull());
    }

    @Test
    void sendsAMalformedRecordToTheDeadLetterTopicAndCarriesOnWithTheNextOne() {
        RenewalStarted next = renewalStarted("malformed-then-valid", KeyAlgorithm.EC_P256);
        String malformedId = UUID.randomUUID().toString();
        send(malformedId, next.renewalId().value(), "{\"type\":\"RenewalStarted\", not json");
        String nextId = publish(next);

        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(malformedId);
        assertThat(deadLetter.value()).isEqualTo("{\"type\":\"RenewalStarted\", not json");
        assertThat(PublishedRecords.header(deadLetter, MessageHeaders.DEAD_LETTER_REASON))
                .contains("not a valid RenewalEvent");
        assertThat(awaitReports(nextId, 1).get(0)).isInstanceOf(KeyPairGenerated.class);
    }

    @Test
    void sendsARecordOfAnUnknownTypeOrWithoutMessageIdToTheDeadLetterTopic() {
        String unknownTypeId = UUID.randomUUID().toString();
        send(unknownTypeId, "r-1", "{\"type\":\"KeyPairTeleported\",\"renewalId\":\"r-1\"}");
        RenewalStarted withoutId = renewalStarted("never-generated", KeyAlgorithm.EC_P256);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RENEWAL_EVENTS,
                withoutId.renewalId().value(), ContractJson.write(withoutId));
        String marker = UUID.randomUUID().toString();
        record.headers().add("test-marker", marker.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();

        assertThat(PublishedRecords.header(awaitDeadLetter(unknownTypeId), MessageHeaders.DEAD_LETTER_REASON))
                .contains("KeyPairTeleported");
        ConsumerRecord<String, String> missingId = await().atMost(PATIENCE).until(() -> published.all().stream()
                .filter(r -> marker.equals(PublishedRecords.header(r, "test-marker"))).findFirst(),
                found -> found.isPresent()).get();
        assertThat(missingId.topic()).isEqualTo("renewal.events.v1.dlt");
        assertThat(PublishedRecords.header(missingId, MessageHeaders.DEAD_LETTER_REASON)).contains("ce_id");
    }

    @Test
    void ignoresRenewalEventsThatNeedNothingFromTheKeystore() {
        RenewalStarted started = renewalStarted("ignored-then-generated", KeyAlgorithm.EC_P256);
        String completedId = publish(new RenewalCompleted(started.renewalId(), "ignored-then-generated",
                started.partnerId(), Instant.now()));
        String startedId = publish(started);

        awaitReports(startedId, 1);

        assertThat(published.reportsAnswering(completedId)).isEmpty();
        assertThat(published.deadLettersWithId(completedId)).isEmpty();
    }

    @Test
    void servesEveryEntrysPublicDetailsAndItsCertificateAsPem() throws Exception {
        ResponseEntity<String> listing = get("/keystore/entries");
        assertThat(listing.getStatusCode().value()).isEqualTo(200);
        JsonNode entry = entryFromApi("wayne-decrypt");
        X509Certificate inFile = certificateInFile("wayne-decrypt");

        assertThat(entry.get("entryName").asText()).isEqualTo("wayne-decrypt");
        assertThat(entry.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(entry.get("sha256").asText()).isEqualTo(Fingerprint.sha256Of(inFile.getEncoded()).value());
        assertThat(entry.get("subject").asText()).isEqualTo("CN=wayne-decrypt,O=keyrenewal");
        assertThat(entry.get("issuer").asText()).isEqualTo("CN=wayne-decrypt,O=keyrenewal");
        assertThat(entry.get("serialNumber").asText()).isEqualTo(inFile.getSerialNumber().toString(16));
        assertThat(Instant.parse(entry.get("notAfter").asText())).isEqualTo(inFile.getNotAfter().toInstant());
        assertThat(entry.get("keyAlgorithm").asText()).isEqualTo("EC_P256");

        ResponseEntity<String> pem = get("/keystore/entries/wayne-decrypt/certificate");
        assertThat(pem.getStatusCode().value()).isEqualTo(200);
        assertThat(pem.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/x-pem-file");
        assertThat(parse(pem.getBody()).getEncoded()).isEqualTo(inFile.getEncoded());
    }

    @Test
    void answersAnUnknownEntryWithANotFoundProblem() throws Exception {
        ResponseEntity<String> response = get("/keystore/entries/nobody.retained.1f/certificate");

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        assertThat(ContractJson.mapper().readTree(response.getBody()).get("detail").asText())
                .contains("nobody.retained.1f");
    }

    @Test
    void reportsItselfHealthy() {
        ResponseEntity<String> health = get("/actuator/health");

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"UP\"");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neverPublishesServesOrLogsPrivateKeyMaterial(CapturedOutput output) throws Exception {
        RenewalStarted started = renewalStarted("wonka-decrypt", KeyAlgorithm.RSA_2048);
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);
        awaitReports(publish(new OldKeyPairRemovalDecided(started.renewalId(), "wonka-decrypt",
                generated.previous(), Instant.now())), 1);
        List<String> privateKeys = privateKeyRenditions();
        get("/keystore/entries");
        for (String entryName : Collections.list(loadKeystoreFile().aliases())) {
            get("/keystore/entries/" + entryName + "/certificate");
        }

        List<String> everythingShown = new ArrayList<>(apiResponses);
        for (ConsumerRecord<String, String> record : published.all()) {
            everythingShown.add(record.key() + " " + record.value());
            for (Header header : record.headers()) {
                everythingShown.add(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        everythingShown.add(output.getAll());

        assertThat(everythingShown).as("records, API responses and logs of this test")
                .anySatisfy(text -> assertThat(text).contains(generated.certificate().pem().substring(28, 90)));
        assertThat(privateKeys).isNotEmpty();
        for (String text : everythingShown) {
            assertThat(text).doesNotContain("PRIVATE KEY");
            for (String privateKey : privateKeys) {
                assertThat(text).doesNotContain(privateKey);
            }
        }
    }

    private RenewalStarted renewalStarted(String alias, KeyAlgorithm algorithm) {
        return new RenewalStarted(RenewalId.random(), alias, new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), algorithm, Instant.now());
    }

    private String publish(RenewalEvent event) {
        String messageId = UUID.randomUUID().toString();
        publish(messageId, event);
        return messageId;
    }

    private void publish(String messageId, RenewalEvent event) {
        send(messageId, event.renewalId().value(), ContractJson.write(event));
    }

    private void send(String messageId, String key, String body) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RENEWAL_EVENTS, key, body);
        record.headers().add(MessageHeaders.ID, messageId.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    private List<ConsumerRecord<String, String>> awaitReportRecords(String causationId, int count) {
        return await().atMost(PATIENCE)
                .until(() -> published.reportRecordsAnswering(causationId), records -> records.size() >= count);
    }

    private List<KeystoreReport> awaitReports(String causationId, int count) {
        return awaitReportRecords(causationId, count).stream().map(PublishedRecords::report).toList();
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String messageId) {
        return await().atMost(PATIENCE)
                .until(() -> published.deadLettersWithId(messageId), records -> !records.isEmpty()).get(0);
    }

    private KeyStore loadKeystoreFile() throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dataDir.resolve("keystore-service").resolve("keystore.p12"))) {
            keystore.load(in, PASSWORD.toCharArray());
        }
        return keystore;
    }

    private X509Certificate certificateInFile(String entryName) throws Exception {
        X509Certificate certificate = (X509Certificate) loadKeystoreFile().getCertificate(entryName);
        assertThat(certificate).as("certificate of entry %s", entryName).isNotNull();
        return certificate;
    }

    private List<String> entriesOf(String alias) throws Exception {
        return Collections.list(loadKeystoreFile().aliases()).stream()
                .filter(name -> name.equals(alias) || name.startsWith(alias + ".retained."))
                .sorted()
                .toList();
    }

    /** Every private key in the keystore file as it could leak: PKCS#8 (Base64, first PEM line, hex), the secret in hex. */
    private List<String> privateKeyRenditions() throws Exception {
        KeyStore keystore = loadKeystoreFile();
        List<String> renditions = new ArrayList<>();
        for (String entryName : Collections.list(keystore.aliases())) {
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

    private JsonNode entryFromApi(String entryName) throws Exception {
        JsonNode entries = ContractJson.mapper().readTree(get("/keystore/entries").getBody());
        for (JsonNode entry : entries) {
            if (entry.get("entryName").asText().equals(entryName)) {
                return entry;
            }
        }
        throw new AssertionError("the API lists no entry " + entryName + ": " + entries);
    }

    private ResponseEntity<String> get(String path) {
        ResponseEntity<String> response = RestClient.create("http://localhost:" + port).get().uri(path)
                .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
                        .headers(answer.getHeaders())
                        .body(new String(answer.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        apiResponses.add(response.getHeaders() + " " + response.getBody());
        return response;
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
