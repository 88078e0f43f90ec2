package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.CertificateSigningRequested;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRollbackApplied;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.testsupport.PrometheusScrape;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeystoreStepRetried;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.RollbackDecided;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import io.keyrenewal.keystore.journal.KeyGeneration;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.keyrenewal.messaging.FailedDeliveries;
import io.keyrenewal.messaging.FailureKind;
import io.keyrenewal.testsupport.ApiDescriptionCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against a real (embedded) Kafka broker, a real keystore file and H2 in a temporary folder. Its context
 * ({@link KeystoreServiceContext}) is shared with the other test classes of the service.
 */
class KeystoreServiceIntegrationTest extends KeystoreServiceContext {

    @Autowired
    KeyGenerationJournal journal;
    @Autowired
    FailedDeliveries failedDeliveries;
    @Value("${spring.datasource.url}")
    String databaseUrl;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theApiDescriptionDocumentsEveryEndpointAndIsReadWithoutCredentials() {
        ApiDescriptionCheck description = new ApiDescriptionCheck("http://127.0.0.1:" + port);

        assertThat(description.undocumented(ApiDescriptionCheck.endpoints(mappings))).isEmpty();
        assertThat(description.roles("POST /keystore/aliases/{alias}/sign")).containsExactly("INTEGRATION_FLOW");
        assertThat(description.roles("GET /keystore/entries")).containsExactly("AUDITOR", "TENANT_ADMIN");
        assertThat(description.statusWithoutCredentials("/swagger-ui/index.html")).isEqualTo(200);
        assertThat(get("/keystore/entries", null).getStatusCode().value()).as("nothing else opens").isEqualTo(401);
    }

    @Test
    void theKeysAreUsedOnlyByTheRolesThatMay() {
        String auditor = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "keystore-auditor:keystore-test".getBytes(StandardCharsets.UTF_8));
        String wrongPassword = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "keystore-test:guess".getBytes(StandardCharsets.UTF_8));
        String sign = "{\"payload\":\"aGVsbG8=\"}";

        assertThat(get("/keystore/entries", null).getStatusCode().value()).isEqualTo(401);
        assertThat(get("/keystore/entries", wrongPassword).getStatusCode().value()).isEqualTo(401);
        assertThat(get("/keystore/entries", auditor).getStatusCode().value()).isEqualTo(200);
        assertThat(post("/keystore/aliases/acme-sign/sign", sign, MediaType.APPLICATION_JSON, auditor)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post("/keystore/aliases/acme-sign/decrypt", "{}", MediaType.APPLICATION_JSON, auditor)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post("/keystore/entries/acme-sign/staged/certificate-chain", "", MediaType.TEXT_PLAIN, auditor)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post("/admin/clock/advance", "{\"duration\":\"PT0S\"}", MediaType.APPLICATION_JSON, auditor)
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> clock = get("/admin/clock", auditor);
        assertThat(clock.getStatusCode().value()).as("the clock is read-only for the auditor").isEqualTo(200);
        assertThat(clock.getBody()).contains("\"now\"").contains("\"movedBy\"");
        ResponseEntity<String> metrics = get("/actuator/prometheus", auditor);
        assertThat(metrics.getStatusCode().value()).as("metrics for the auditor").isEqualTo(200);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
        assertThat(get("/actuator/prometheus", null).getStatusCode().value()).isEqualTo(401);
        assertThat(post("/keystore/aliases/acme-sign/sign", sign, MediaType.APPLICATION_JSON, LOGIN)
                .getStatusCode().value()).isEqualTo(200);
    }

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
        // recorded before the report was published: the operation, its outcome and how long it took
        PrometheusScrape metrics = PrometheusScrape.parse(get("/actuator/prometheus", LOGIN).getBody());
        assertThat(metrics.sum("keyrenewal_keystore_operations_seconds_count",
                Map.of("operation", "generate", "outcome", "failed"))).isGreaterThanOrEqualTo(1);
        assertThat(metrics.samples("keyrenewal_keystore_operations_seconds_bucket",
                Map.of("operation", "generate", "outcome", "failed"))).isNotEmpty();
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
        assertThat(entry.get("sha1").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-1").digest(inFile.getEncoded())));
        byte[] skiExtension = inFile.getExtensionValue("2.5.29.14");
        assertThat(HexFormat.of().formatHex(skiExtension)).endsWith(entry.get("subjectKeyIdentifier").asText());
        assertThat(entry.get("subjectKeyIdentifier").asText()).hasSize(40);
        assertThat(entry.get("retainedUntil").isNull()).isTrue();

        ResponseEntity<String> pem = get("/keystore/entries/wayne-decrypt/certificate");
        assertThat(pem.getStatusCode().value()).isEqualTo(200);
        assertThat(pem.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/x-pem-file");
        assertThat(parse(pem.getBody()).getEncoded()).isEqualTo(inFile.getEncoded());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(inFile.getEncoded()));
        ResponseEntity<String> bySha256 = get("/keystore/entries/" + sha256 + "/certificate");
        assertThat(bySha256.getStatusCode().value()).as("by its SHA-256, as /history").isEqualTo(200);
        assertThat(parse(bySha256.getBody()).getEncoded()).isEqualTo(inFile.getEncoded());
        assertThat(get("/keystore/entries/" + "0".repeat(64) + "/certificate").getStatusCode().value())
                .isEqualTo(404);
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
    void waitsOutAnUnusableDatabaseWithoutDeadLetteringAndGeneratesTheKeyPairOnce() throws Exception {
        long transientBefore = failedDeliveries.failures(Topics.RENEWAL_EVENTS, FailureKind.TRANSIENT);
        long deadLettersBefore = failedDeliveries.deadLetters(Topics.RENEWAL_EVENTS);
        RenewalStarted started = renewalStarted("outage-decrypt", KeyAlgorithm.EC_P256);
        String messageId;
        // exclusive mode 2: H2 closes every other connection and refuses new ones until it is left
        try (Connection exclusive = DriverManager.getConnection(databaseUrl, "sa", "")) {
            exclusive.createStatement().execute("SET EXCLUSIVE 2");
            await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness", null).getStatusCode().value()
                    == 503);
            assertThat(get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);

            messageId = publish(started);
            // more attempts than the error handler before this one made before it dead-lettered the event
            await().atMost(PATIENCE.multipliedBy(2)).until(() -> failedDeliveries.failures(Topics.RENEWAL_EVENTS,
                    FailureKind.TRANSIENT) >= transientBefore + 5);
            assertThat(published.deadLettersWithId(messageId)).isEmpty();
            assertThat(published.reportsAnswering(messageId)).isEmpty();
            exclusive.createStatement().execute("SET EXCLUSIVE 0");
        }

        assertThat(awaitReports(messageId, 1).get(0)).isInstanceOf(KeyPairGenerated.class);
        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness", null).getStatusCode().value() == 200);
        assertThat(published.reportsAnswering(messageId)).hasSize(1);
        assertThat(published.deadLettersWithId(messageId)).isEmpty();
        assertThat(failedDeliveries.deadLetters(Topics.RENEWAL_EVENTS)).isEqualTo(deadLettersBefore);
        assertThat(journal.find(started.renewalId())).isPresent();
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

    @Test
    void stagesTheNewSigningKeyBesideTheActiveOneWhenAPlaybookOneRenewalStarts() throws Exception {
        X509Certificate active = certificateInFile("acme-sign");

        KeyPairGenerated generated = startSigningRenewal("acme-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);

        assertThat(generated.previous().sha256()).isEqualTo(Fingerprint.sha256Of(active.getEncoded()));
        assertThat(certificateInFile("acme-sign").getEncoded()).as("the active key stays active")
                .isEqualTo(active.getEncoded());
        String stagedEntry = "acme-sign.staged." + generated.certificate().serialNumber();
        assertThat(Fingerprint.sha256Of(certificateInFile(stagedEntry).getEncoded()))
                .isEqualTo(generated.certificate().sha256());
        assertThat(entryFromApi(stagedEntry).get("state").asText()).isEqualTo("STAGED");
        assertThat(entryFromApi("acme-sign").get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void doesWithTheNewKeyPairWhatTheRenewalSaysNotWhatItsPlaybooksNameSuggests() throws Exception {
        X509Certificate active = certificateInFile("gringotts-decrypt");
        RenewalStarted started = new RenewalStarted(RenewalId.random(), "gringotts-decrypt", new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.EC_P256, Instant.now(),
                ExchangeApproval.TENANT_APPROVES, null, null, CertificateSource.SELF_SIGNED,
                KeyPairActivation.STAGED_UNTIL_EXCHANGE, 1);

        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);

        assertThat(certificateInFile("gringotts-decrypt").getEncoded())
                .as("staged, as instructed: the active key stays").isEqualTo(active.getEncoded());
        assertThat(entryFromApi("gringotts-decrypt.staged." + generated.certificate().serialNumber()).get("state")
                .asText()).isEqualTo("STAGED");
    }

    @Test
    void exchangesTheStagedKeyInAndArchivesTheOldOneForTheMinimumRetentionOnlyOnce() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("globex-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME);
        KeyPairExchangeDecided decided = new KeyPairExchangeDecided(generated.renewalId(), "globex-sign",
                generated.certificate().ref(), generated.previous(), Duration.ofDays(90), Instant.now());
        Instant before = Instant.now();
        String messageId = publish(decided);

        KeyPairExchangeApplied applied = (KeyPairExchangeApplied) awaitReports(messageId, 1).get(0);

        assertThat(applied.alias()).isEqualTo("globex-sign");
        assertThat(applied.activated()).isEqualTo(generated.certificate().ref());
        assertThat(applied.archived()).isEqualTo(generated.previous());
        assertThat(applied.archivedUntil()).isBetween(before.plus(Duration.ofDays(90)),
                Instant.now().plus(Duration.ofDays(90)));
        assertThat(Fingerprint.sha256Of(certificateInFile("globex-sign").getEncoded()))
                .isEqualTo(generated.certificate().sha256());
        String archivedEntry = "globex-sign.retained." + generated.previous().serialNumber();
        assertThat(entriesOf("globex-sign")).containsExactly("globex-sign", archivedEntry);
        JsonNode archived = entryFromApi(archivedEntry);
        assertThat(archived.get("state").asText()).isEqualTo("ARCHIVED");
        assertThat(Instant.parse(archived.get("retainedUntil").asText())).isEqualTo(applied.archivedUntil());

        publish(messageId, decided);
        assertThat(awaitReports(messageId, 2).get(1)).isEqualTo(applied);
        assertThat(entriesOf("globex-sign")).containsExactly("globex-sign", archivedEntry);
        assertThat(historyFromApi("globex-sign")).extracting(change -> change.get("state").asText())
                .containsExactly("STAGED", "ACTIVE");
    }

    @Test
    void refusesAnExchangeOfAKeyPairTheAliasNeverStaged() throws Exception {
        X509Certificate active = certificateInFile("wayne-sign");
        CertificateRef unknown = new CertificateRef(new Fingerprint("a".repeat(64)), "CN=nobody", "1f");
        KeyPairExchangeDecided decided = new KeyPairExchangeDecided(RenewalId.random(), "wayne-sign", unknown,
                null, Duration.ofDays(90), Instant.now());

        KeystoreReport report = awaitReports(publish(decided), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("EXCHANGE");
            assertThat(failed.reason()).contains("no staged key pair");
        });
        assertThat(certificateInFile("wayne-sign").getEncoded()).isEqualTo(active.getEncoded());
    }

    @Test
    void rollsBackToTheArchivedKeyWhenTheRollbackIsDecidedAndRefusesOnceItIsNoLongerRetained() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("initech-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        CertificateRef fresh = generated.certificate().ref();
        CertificateRef old = generated.previous();
        awaitReports(publish(new KeyPairExchangeDecided(generated.renewalId(), "initech-sign", fresh, old,
                Duration.ZERO, Instant.now())), 1);
        RollbackDecided rollback = new RollbackDecided(generated.renewalId(), "initech-sign", old, fresh,
                "partner cannot verify the new signature", "tenant-admin", Instant.now());
        String messageId = publish(rollback);

        KeystoreReport report = awaitReports(messageId, 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairRollbackApplied.class,
                applied -> assertThat(applied.reactivated()).isEqualTo(old));
        assertThat(Fingerprint.sha256Of(certificateInFile("initech-sign").getEncoded())).isEqualTo(old.sha256());
        assertThat(entryFromApi("initech-sign.retained." + fresh.serialNumber()).get("state").asText())
                .isEqualTo("ARCHIVED");
        publish(messageId, rollback);
        assertThat(awaitReports(messageId, 2).get(1)).isEqualTo(report);

        awaitReports(publish(new OldKeyPairRemovalDecided(generated.renewalId(), "initech-sign", fresh,
                Instant.now())), 1);
        RollbackDecided toRemoved = new RollbackDecided(generated.renewalId(), "initech-sign", fresh, old,
                "changed our mind", "tenant-admin", Instant.now());
        KeystoreReport refused = awaitReports(publish(toRemoved), 1).get(0);
        assertThat(refused).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("ROLLBACK");
            assertThat(failed.reason()).contains("no longer retained");
        });
        assertThat(Fingerprint.sha256Of(certificateInFile("initech-sign").getEncoded())).isEqualTo(old.sha256());
    }

    @Test
    void discardsTheStagedKeyWhenTheRenewalIsAbortedAndReportsNoneWhenThereIsNone() throws Exception {
        X509Certificate active = certificateInFile("hooli-sign");
        KeyPairGenerated generated = startSigningRenewal("hooli-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        RenewalAborted aborted = new RenewalAborted(generated.renewalId(), "hooli-sign", new PartnerId("acme"),
                "partner unreachable", "tenant-admin", generated.certificate().ref(), Instant.now());
        String messageId = publish(aborted);

        KeystoreReport report = awaitReports(messageId, 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isEqualTo(generated.certificate().ref()));
        assertThat(entriesOf("hooli-sign")).containsExactly("hooli-sign");
        assertThat(certificateInFile("hooli-sign").getEncoded()).isEqualTo(active.getEncoded());
        publish(messageId, aborted);
        assertThat(awaitReports(messageId, 2).get(1)).isEqualTo(report);
        assertThat(historyFromApi(generated.certificate().sha256().value()))
                .extracting(change -> change.get("state").asText()).containsExactly("STAGED", "REMOVED");

        RenewalAborted early = new RenewalAborted(RenewalId.random(), "hooli-sign", new PartnerId("acme"),
                "changed our mind", "tenant-admin", null, Instant.now());
        assertThat(awaitReports(publish(early), 1).get(0)).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isNull());

        KeyPairGenerated unnamed = startSigningRenewal("hooli-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        RenewalAborted withoutName = new RenewalAborted(unnamed.renewalId(), "hooli-sign", new PartnerId("acme"),
                "partner unreachable", "tenant-admin", null, Instant.now());
        assertThat(awaitReports(publish(withoutName), 1).get(0)).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isEqualTo(unnamed.certificate().ref()));
        assertThat(entriesOf("hooli-sign")).containsExactly("hooli-sign");
        assertThat(certificateInFile("hooli-sign").getEncoded()).isEqualTo(active.getEncoded());
    }

    @Test
    void keepsTheActiveKeyOfAnAbortedPlaybookThreeRenewalThatNamesNoStagedKey() throws Exception {
        RenewalStarted started = renewalStarted("soylent-decrypt", KeyAlgorithm.EC_P256);
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);

        KeystoreReport report = awaitReports(publish(new RenewalAborted(started.renewalId(), "soylent-decrypt",
                started.partnerId(), "partner unreachable", "tenant-admin", null, Instant.now())), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isNull());
        assertThat(Fingerprint.sha256Of(certificateInFile("soylent-decrypt").getEncoded()))
                .isEqualTo(generated.certificate().sha256());
    }

    @Test
    void refusesToRemoveAnArchivedKeyBeforeItsRetentionDateByTheKeystoresClock() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("umbrella-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        KeyPairExchangeApplied applied = (KeyPairExchangeApplied) awaitReports(publish(new KeyPairExchangeDecided(
                generated.renewalId(), "umbrella-sign", generated.certificate().ref(), generated.previous(),
                Duration.ofDays(90), Instant.now())), 1).get(0);

        KeystoreReport report = awaitReports(publish(new OldKeyPairRemovalDecided(generated.renewalId(),
                "umbrella-sign", generated.previous(), Instant.now().plus(Duration.ofDays(365)))), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("REMOVE");
            assertThat(failed.reason()).contains("retention not elapsed until " + applied.archivedUntil());
        });
        assertThat(entriesOf("umbrella-sign")).hasSize(2);
    }

    @Test
    void repeatsAFailedStepAsDecidedWhenTheTenantRetriesIt() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("wayne-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        KeyPairExchangeApplied applied = (KeyPairExchangeApplied) awaitReports(publish(new KeyPairExchangeDecided(
                generated.renewalId(), "wayne-sign", generated.certificate().ref(), generated.previous(),
                Duration.ofSeconds(2), Instant.now())), 1).get(0);
        // the renewal-service's clock ran ahead of the keystore's: the removal comes before the keystore's retention
        KeystoreReport refused = awaitReports(publish(new OldKeyPairRemovalDecided(generated.renewalId(),
                "wayne-sign", generated.previous(), Instant.now())), 1).get(0);
        assertThat(refused).isInstanceOfSatisfying(KeystoreOperationFailed.class,
                failed -> assertThat(failed.reason()).contains("retention not elapsed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(applied.archivedUntil()));

        String retryId = publish(new KeystoreStepRetried(generated.renewalId(), "wayne-sign", "REMOVE",
                "tenant-admin", Instant.now()));
        KeystoreReport removed = awaitReports(retryId, 1).get(0);

        assertThat(removed).isInstanceOfSatisfying(KeyPairRemoved.class,
                report -> assertThat(report.removed()).isEqualTo(generated.previous()));
        assertThat(removed.causationId()).isEqualTo(retryId);
        assertThat(entriesOf("wayne-sign")).containsExactly("wayne-sign");
        KeystoreReport again = awaitReports(publish(new KeystoreStepRetried(generated.renewalId(), "wayne-sign",
                "REMOVE", "tenant-admin", Instant.now())), 1).get(0);
        assertThat(again).as("retried once more: the key is gone, which is what was decided")
                .isInstanceOf(KeyPairRemoved.class);
        KeystoreReport nothing = awaitReports(publish(new KeystoreStepRetried(generated.renewalId(), "wayne-sign",
                "EXCHANGE", "tenant-admin", Instant.now())), 1).get(0);
        assertThat(nothing).isInstanceOfSatisfying(KeystoreOperationFailed.class,
                failed -> assertThat(failed.reason()).contains("no failed EXCHANGE"));
    }

    @Test
    void removesAnArchivedKeyOnceItsRetentionDateHasPassedAndKeepsItsHistory() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("stark-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME);
        awaitReports(publish(new KeyPairExchangeDecided(generated.renewalId(), "stark-sign",
                generated.certificate().ref(), generated.previous(), Duration.ZERO, Instant.now())), 1);

        KeystoreReport report = awaitReports(publish(new OldKeyPairRemovalDecided(generated.renewalId(),
                "stark-sign", generated.previous(), Instant.now())), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairRemoved.class,
                removed -> assertThat(removed.removed()).isEqualTo(generated.previous()));
        assertThat(entriesOf("stark-sign")).containsExactly("stark-sign");
        List<JsonNode> history = historyFromApi(generated.previous().sha256().value());
        assertThat(history).extracting(change -> change.get("state").asText())
                .containsExactly("ACTIVE", "ARCHIVED", "REMOVED");
        assertThat(history).extracting(change -> change.get("kind").asText())
                .containsExactly("SEEDED", "ARCHIVED", "REMOVED");
        assertThat(history.get(2).get("renewalId").asText()).isEqualTo(generated.renewalId().value());
        assertThat(history.get(2).get("entryName").asText())
                .isEqualTo("stark-sign.retained." + generated.previous().serialNumber());
    }

    @Test
    void signsWithTheActiveKeySoThatThePartnerVerifiesWithTheCertificate() throws Exception {
        byte[] payload = "<soap:Envelope>response</soap:Envelope>".getBytes(StandardCharsets.UTF_8);

        JsonNode signed = postJson("/keystore/aliases/oscorp-sign/sign",
                "{\"payload\":\"" + Base64.getEncoder().encodeToString(payload) + "\"}");

        X509Certificate certificate = parse(get("/keystore/entries/oscorp-sign/certificate").getBody());
        assertThat(signed.get("certificate").get("sha256").asText())
                .isEqualTo(Fingerprint.sha256Of(certificate.getEncoded()).value());
        Signature verifier = Signature.getInstance(signed.get("algorithm").asText());
        verifier.initVerify(certificate);
        verifier.update(payload);
        assertThat(verifier.verify(Base64.getDecoder().decode(signed.get("signature").asText()))).isTrue();
        verifier.initVerify(certificate);
        verifier.update("tampered".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(signed.get("signature").asText()))).isFalse();
    }

    @Test
    void decryptsWithTheOldAndTheNewKeyWhicheverTheMessageNamesDuringARenewal() throws Exception {
        RenewalStarted first = new RenewalStarted(RenewalId.random(), "cyberdyne-decrypt", new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.RSA_2048,
                Instant.now());
        awaitReports(publish(first), 1);
        X509Certificate old = parse(get("/keystore/entries/cyberdyne-decrypt/certificate").getBody());
        RenewalStarted second = new RenewalStarted(RenewalId.random(), "cyberdyne-decrypt", new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.RSA_2048,
                Instant.now());
        awaitReports(publish(second), 1);
        X509Certificate fresh = parse(get("/keystore/entries/cyberdyne-decrypt/certificate").getBody());
        assertThat(fresh.getEncoded()).isNotEqualTo(old.getEncoded());

        byte[] sessionKey = "a-32-byte-aes-session-key-......".getBytes(StandardCharsets.UTF_8);
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.ENCRYPT_MODE, old.getPublicKey());
        JsonNode byIssuerSerial = postJson("/keystore/aliases/cyberdyne-decrypt/decrypt", "{\"keyIdentifier\":{"
                + "\"issuer\":\"" + old.getIssuerX500Principal().getName() + "\",\"serialNumber\":\""
                + old.getSerialNumber().toString(16) + "\"},\"algorithm\":\"RSA-OAEP\",\"ciphertext\":\""
                + Base64.getEncoder().encodeToString(oaep.doFinal(sessionKey)) + "\"}");
        assertThat(Base64.getDecoder().decode(byIssuerSerial.get("plaintext").asText())).isEqualTo(sessionKey);
        assertThat(byIssuerSerial.get("certificate").get("serialNumber").asText())
                .isEqualTo(old.getSerialNumber().toString(16));

        Cipher oaep256 = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep256.init(Cipher.ENCRYPT_MODE, fresh.getPublicKey(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        String sha1Thumbprint = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-1").digest(fresh.getEncoded()));
        JsonNode byThumbprint = postJson("/keystore/aliases/cyberdyne-decrypt/decrypt", "{\"keyIdentifier\":{"
                + "\"sha1\":\"" + sha1Thumbprint + "\"},\"algorithm\":\"RSA-OAEP-256\",\"ciphertext\":\""
                + Base64.getEncoder().encodeToString(oaep256.doFinal(sessionKey)) + "\"}");
        assertThat(Base64.getDecoder().decode(byThumbprint.get("plaintext").asText())).isEqualTo(sessionKey);

        Cipher pkcs1 = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        pkcs1.init(Cipher.ENCRYPT_MODE, old.getPublicKey());
        JsonNode bySha256 = postJson("/keystore/aliases/cyberdyne-decrypt/decrypt", "{\"keyIdentifier\":{"
                + "\"sha256\":\"" + Fingerprint.sha256Of(old.getEncoded()).value() + "\"},\"algorithm\":"
                + "\"RSA1_5\",\"ciphertext\":\"" + Base64.getEncoder().encodeToString(pkcs1.doFinal(sessionKey))
                + "\"}");
        assertThat(Base64.getDecoder().decode(bySha256.get("plaintext").asText())).isEqualTo(sessionKey);
    }

    @Test
    void refusesToDecryptWithAKeyTheAliasDoesNotHoldOrThatCannotDecrypt() throws Exception {
        X509Certificate ec = certificateInFile("oscorp-sign");
        String ciphertext = Base64.getEncoder().encodeToString(new byte[32]);

        ResponseEntity<String> unknown = post("/keystore/aliases/oscorp-sign/decrypt", "{\"keyIdentifier\":{"
                + "\"sha256\":\"" + "b".repeat(64) + "\"},\"ciphertext\":\"" + ciphertext + "\"}");
        ResponseEntity<String> notRsa = post("/keystore/aliases/oscorp-sign/decrypt", "{\"keyIdentifier\":{"
                + "\"sha256\":\"" + Fingerprint.sha256Of(ec.getEncoded()).value() + "\"},\"ciphertext\":\""
                + ciphertext + "\"}");

        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(notRsa.getStatusCode().value()).isEqualTo(422);
        assertThat(notRsa.getBody()).contains("decryption needs an RSA key pair");
    }

    @Test
    void servesACertificationRequestForAStagedKeyAndTheChainOfAnEntryAsPem() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("tyrell-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        String stagedEntry = "tyrell-sign.staged." + generated.certificate().serialNumber();
        X509Certificate staged = parse(generated.certificate().pem());

        ResponseEntity<String> csr = get("/keystore/entries/" + stagedEntry + "/csr");

        assertThat(csr.getStatusCode().value()).isEqualTo(200);
        assertThat(csr.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/x-pem-file");
        assertThat(csr.getBody()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        String body = csr.getBody().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(Base64.getDecoder().decode(body));
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(staged.getPublicKey())))
                .isTrue();
        assertThat(new JcaPKCS10CertificationRequest(request).getPublicKey()).isEqualTo(staged.getPublicKey());
        assertThat(new X500Principal(request.getSubject().getEncoded())).isEqualTo(staged.getSubjectX500Principal());

        ResponseEntity<String> chain = get("/keystore/entries/tyrell-sign/chain");
        assertThat(chain.getStatusCode().value()).isEqualTo(200);
        assertThat(parse(chain.getBody()).getEncoded()).isEqualTo(certificateInFile("tyrell-sign").getEncoded());
        assertThat(get("/keystore/entries/tyrell-sign.retained.1f/csr").getStatusCode().value()).isEqualTo(404);
        assertThat(get("/keystore/entries/tyrell-sign.retained.1f/chain").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void generatesTheSelfSignedCertificateWithTheSubjectAndValidityTheRenewalAsksFor() throws Exception {
        RenewalStarted started = new RenewalStarted(RenewalId.random(), "custom-decrypt", new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.EC_P256, Instant.now(),
                ExchangeApproval.TENANT_APPROVES, "CN=custom-decrypt, OU=Integration, O=Tenant AG, C=CH", 30,
                CertificateSource.SELF_SIGNED);

        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);

        assertThat(generated.certificate().subject()).isEqualTo("CN=custom-decrypt,OU=Integration,O=Tenant AG,C=CH");
        assertThat(generated.certificate().issuer()).isEqualTo(generated.certificate().subject());
        assertThat(Duration.between(generated.certificate().notBefore(), generated.certificate().notAfter()))
                .isEqualTo(Duration.ofDays(30));
        assertThat(certificateInFile("custom-decrypt").getSubjectX500Principal().getName())
                .isEqualTo(generated.certificate().subject());

        RenewalStarted badSubject = new RenewalStarted(RenewalId.random(), "custom-decrypt", new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.EC_P256, Instant.now(),
                ExchangeApproval.TENANT_APPROVES, "custom-decrypt", null, CertificateSource.SELF_SIGNED);
        assertThat(awaitReports(publish(badSubject), 1).get(0)).isInstanceOfSatisfying(KeystoreOperationFailed.class,
                failed -> assertThat(failed.reason()).contains("subjectDn 'custom-decrypt' is not an X.500"));
        assertThat(entriesOf("custom-decrypt")).hasSize(1);
    }

    @Test
    void requestsACaCertificateForTheStagedKeyAndReportsTheKeyPairOnceTheCasChainIsImported() throws Exception {
        X509Certificate active = certificateInFile("acme-ca-sign");
        RenewalStarted started = caRenewal("acme-ca-sign", Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        String startId = publish(started);

        CertificateSigningRequested requested = (CertificateSigningRequested) awaitReports(startId, 1).get(0);

        assertThat(requested.subject()).isEqualTo("CN=acme-ca-sign,O=Tenant AG,C=CH");
        PKCS10CertificationRequest request = certificationRequest(requested.certificateSigningRequest());
        PublicKey requestedKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(requestedKey))).isTrue();
        assertThat(Fingerprint.sha256Of(requestedKey.getEncoded())).isEqualTo(requested.publicKeySha256());
        assertThat(new X500Principal(request.getSubject().getEncoded()).getName()).isEqualTo(requested.subject());
        ResponseEntity<String> awaited = get("/keystore/entries/acme-ca-sign/staged/csr");
        assertThat(awaited.getBody()).isEqualTo(requested.certificateSigningRequest());
        assertThat(awaited.getHeaders().getFirst("X-Renewal-Id")).isEqualTo(started.renewalId().value());
        assertThat(certificateInFile("acme-ca-sign").getEncoded()).as("the active key stays active")
                .isEqualTo(active.getEncoded());

        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Tenant Root CA,O=Tenant AG", now);
        TestCertificateAuthority issuing = root.intermediate("CN=Tenant Issuing CA,O=Tenant AG", now);
        X509Certificate leaf = issuing.issueFor(requested.certificateSigningRequest(), now);
        String chain = TestCertificateAuthority.pem(root.certificate(), leaf, issuing.certificate());
        JsonNode imported = postPem("/keystore/entries/acme-ca-sign/staged/certificate-chain", chain, 200);

        String entryName = "acme-ca-sign.staged." + leaf.getSerialNumber().toString(16);
        assertThat(imported.get("imported").asBoolean()).isTrue();
        assertThat(imported.get("chainLength").asInt()).isEqualTo(3);
        assertThat(imported.get("renewalId").asText()).isEqualTo(started.renewalId().value());
        assertThat(imported.at("/entry/entryName").asText()).isEqualTo(entryName);
        assertThat(imported.at("/entry/state").asText()).isEqualTo("STAGED");
        assertThat(imported.at("/entry/issuer").asText()).isEqualTo("CN=Tenant Issuing CA,O=Tenant AG");
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(startId, 2).get(1);
        assertThat(generated.certificate().sha256()).isEqualTo(Fingerprint.sha256Of(leaf.getEncoded()));
        assertThat(generated.certificate().issuer()).isEqualTo("CN=Tenant Issuing CA,O=Tenant AG");
        assertThat(generated.previous().sha256()).isEqualTo(Fingerprint.sha256Of(active.getEncoded()));
        assertThat(generated.renewalId()).isEqualTo(started.renewalId());
        assertThat(loadKeystoreFile().getCertificateChain(entryName))
                .containsExactly(leaf, issuing.certificate(), root.certificate());
        assertThat(entriesOf("acme-ca-sign")).containsExactly("acme-ca-sign", entryName);
        assertThat(historyFromApi(entryName)).extracting(change -> change.get("kind").asText())
                .containsExactly("CA_CERTIFICATE_IMPORTED");
        assertThat(get("/keystore/entries/acme-ca-sign/staged/csr").getStatusCode().value()).isEqualTo(409);

        JsonNode again = postPem("/keystore/entries/acme-ca-sign/staged/certificate-chain", chain, 200);
        assertThat(again.get("imported").asBoolean()).isFalse();
        assertThat(((KeyPairGenerated) awaitReports(startId, 3).get(2)).certificate())
                .isEqualTo(generated.certificate());
        assertThat(entriesOf("acme-ca-sign")).containsExactly("acme-ca-sign", entryName);

        publish(startId, started);
        assertThat(awaitReports(startId, 4).get(3)).as("the start delivered again gets the final report")
                .isInstanceOfSatisfying(KeyPairGenerated.class,
                        again2 -> assertThat(again2.certificate()).isEqualTo(generated.certificate()));
        assertThat(awaitReports(publish(started), 1).get(0)).as("and so does a start under another message id")
                .isInstanceOfSatisfying(KeyPairGenerated.class,
                        other -> assertThat(other.certificate()).isEqualTo(generated.certificate()));
    }

    @Test
    void refusesAWrongCertificateChainWithABadRequestThatNamesTheReasonAndChangesNothing() throws Exception {
        String startId = publish(caRenewal("globex-ca-sign", Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH));
        CertificateSigningRequested requested = (CertificateSigningRequested) awaitReports(startId, 1).get(0);
        PublicKey stagedKey = new JcaPKCS10CertificationRequest(certificationRequest(
                requested.certificateSigningRequest())).getPublicKey();
        List<String> entries = entriesOf("globex-ca-sign");
        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Tenant Root CA,O=Tenant AG", now);
        String path = "/keystore/entries/globex-ca-sign/staged/certificate-chain";

        assertThat(postPem(path, TestCertificateAuthority.pem(root.issue("CN=globex-ca-sign",
                TestCertificateAuthority.newKeys().getPublic(), now, now.plus(Duration.ofDays(30))),
                root.certificate()), 400).get("detail").asText())
                .contains("no certificate of the chain carries the public key of a key pair of alias 'globex-ca-sign'");
        assertThat(postPem(path, TestCertificateAuthority.pem(root.issueFor(requested.certificateSigningRequest(),
                now)), 400).get("detail").asText()).contains("is missing from the chain");
        assertThat(postPem(path, TestCertificateAuthority.pem(root.issue("CN=globex-ca-sign", stagedKey,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))), root.certificate()), 400)
                .get("detail").asText()).contains("expired on");
        assertThat(postPem(path, TestCertificateAuthority.pem(TestCertificateAuthority.root("CN=Rogue", now)
                .issueFor(requested.certificateSigningRequest(), now), root.certificate()), 400)
                .get("detail").asText()).contains("the issuer 'CN=Rogue' of certificate");
        assertThat(postPem(path, "no certificate here", 400).get("title").asText())
                .isEqualTo("Invalid certificate chain");
        assertThat(postPem("/keystore/entries/wayne-decrypt/staged/certificate-chain",
                TestCertificateAuthority.pem(root.certificate()), 409).get("detail").asText())
                .contains("no key pair of alias 'wayne-decrypt' awaits a CA's certificate");

        assertThat(entriesOf("globex-ca-sign")).isEqualTo(entries);
        assertThat(Fingerprint.sha256Of(certificateInFile(entries.get(0)).getPublicKey().getEncoded()))
                .isEqualTo(requested.publicKeySha256());
        assertThat(published.reportsAnswering(startId)).hasSize(1);
    }

    @Test
    void makesACaCertifiedDecryptionKeyTheAliasesActiveOneWhenItsChainIsImported() throws Exception {
        X509Certificate old = certificateInFile("acme-ca-decrypt");
        String startId = publish(caRenewal("acme-ca-decrypt", Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE));
        CertificateSigningRequested requested = (CertificateSigningRequested) awaitReports(startId, 1).get(0);
        assertThat(certificateInFile("acme-ca-decrypt").getEncoded()).as("active until the CA answered")
                .isEqualTo(old.getEncoded());
        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Tenant Root CA,O=Tenant AG", now);
        X509Certificate leaf = root.issueFor(requested.certificateSigningRequest(), now);

        JsonNode imported = postPem("/keystore/entries/acme-ca-decrypt/staged/certificate-chain",
                TestCertificateAuthority.pem(leaf, root.certificate()), 200);

        assertThat(imported.at("/entry/entryName").asText()).isEqualTo("acme-ca-decrypt");
        assertThat(imported.at("/entry/state").asText()).isEqualTo("ACTIVE");
        assertThat(certificateInFile("acme-ca-decrypt").getEncoded()).isEqualTo(leaf.getEncoded());
        assertThat(certificateInFile("acme-ca-decrypt.retained." + old.getSerialNumber().toString(16)).getEncoded())
                .isEqualTo(old.getEncoded());
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(startId, 2).get(1);
        assertThat(generated.previous().sha256()).isEqualTo(Fingerprint.sha256Of(old.getEncoded()));
        assertThat(postPem("/keystore/entries/acme-ca-decrypt/staged/certificate-chain",
                TestCertificateAuthority.pem(leaf, root.certificate()), 200).get("imported").asBoolean()).isFalse();
        assertThat(entriesOf("acme-ca-decrypt")).hasSize(2);
    }

    @Test
    void discardsTheKeyOfAnAbortedCaRenewalAndThenRefusesItsChain() throws Exception {
        RenewalStarted started = caRenewal("hooli-ca-sign", Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME);
        CertificateSigningRequested requested = (CertificateSigningRequested) awaitReports(publish(started), 1)
                .get(0);

        KeystoreReport discarded = awaitReports(publish(new RenewalAborted(started.renewalId(), "hooli-ca-sign",
                started.partnerId(), "CA unreachable", "tenant-admin", null, Instant.now())), 1).get(0);

        assertThat(discarded).isInstanceOfSatisfying(KeyPairDiscarded.class,
                report -> assertThat(report.discarded()).isNotNull());
        assertThat(entriesOf("hooli-ca-sign")).isEmpty();
        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Tenant Root CA,O=Tenant AG", now);
        assertThat(postPem("/keystore/entries/hooli-ca-sign/staged/certificate-chain", TestCertificateAuthority.pem(
                root.issueFor(requested.certificateSigningRequest(), now), root.certificate()), 409)
                .get("detail").asText()).contains("is no longer in the keystore");
    }

    private RenewalStarted caRenewal(String alias, Playbook playbook) {
        return new RenewalStarted(RenewalId.random(), alias, new PartnerId("acme"), playbook, Duration.ofDays(30),
                KeyAlgorithm.EC_P256, Instant.now(), ExchangeApproval.TENANT_APPROVES,
                "CN=" + alias + ", O=Tenant AG, C=CH", null, CertificateSource.CA);
    }

    private static PKCS10CertificationRequest certificationRequest(String pem) throws Exception {
        return new PKCS10CertificationRequest(Base64.getDecoder().decode(
                pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")));
    }

    private JsonNode postPem(String path, String pem, int expectedStatus) throws Exception {
        ResponseEntity<String> response = post(path, pem, MediaType.parseMediaType("application/x-pem-file"));
        assertThat(response.getStatusCode().value()).as("POST %s: %s", path, response.getBody())
                .isEqualTo(expectedStatus);
        return ContractJson.mapper().readTree(response.getBody());
    }

    private JsonNode postJson(String path, String json) throws Exception {
        ResponseEntity<String> response = post(path, json);
        assertThat(response.getStatusCode().value()).as("POST %s: %s", path, response.getBody()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.getBody());
    }

    private ResponseEntity<String> post(String path, String json) {
        return post(path, json, MediaType.APPLICATION_JSON);
    }

    private ResponseEntity<String> post(String path, String body, MediaType type) {
        return post(path, body, type, LOGIN);
    }

    private KeyPairGenerated startSigningRenewal(String alias, Playbook playbook) {
        RenewalStarted started = new RenewalStarted(RenewalId.random(), alias, new PartnerId("acme"), playbook,
                Duration.ofDays(30), KeyAlgorithm.EC_P256, Instant.now());
        return (KeyPairGenerated) awaitReports(publish(started), 1).get(0);
    }

    private List<JsonNode> historyFromApi(String entry) throws Exception {
        ResponseEntity<String> response = get("/keystore/entries/" + entry + "/history");
        assertThat(response.getStatusCode().value()).as("history of %s: %s", entry, response.getBody())
                .isEqualTo(200);
        List<JsonNode> changes = new ArrayList<>();
        ContractJson.mapper().readTree(response.getBody()).forEach(changes::add);
        return changes;
    }

    private RenewalStarted renewalStarted(String alias, KeyAlgorithm algorithm) {
        return new RenewalStarted(RenewalId.random(), alias, new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), algorithm, Instant.now());
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String messageId) {
        return await().atMost(PATIENCE)
                .until(() -> published.deadLettersWithId(messageId), records -> !records.isEmpty()).get(0);
    }

    /** Every alias's file as the JDK reads it, merged into one in-memory keystore. */
    private KeyStore loadKeystoreFile() throws Exception {
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

    private X509Certificate certificateInFile(String entryName) throws Exception {
        X509Certificate certificate = (X509Certificate) loadKeystoreFile().getCertificate(entryName);
        assertThat(certificate).as("certificate of entry %s", entryName).isNotNull();
        return certificate;
    }

    private List<String> entriesOf(String alias) throws Exception {
        return Collections.list(loadKeystoreFile().aliases()).stream()
                .filter(name -> name.equals(alias) || name.startsWith(alias + ".retained.")
                        || name.startsWith(alias + ".staged."))
                .sorted()
                .toList();
    }

    /** Every private key in the keystore file as it could leak: PKCS#8 (Base64, first PEM line, hex), the secret in hex. */
    private List<String> privateKeyRenditions() throws Exception {
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

    private JsonNode entryFromApi(String entryName) throws Exception {
        String alias = entryName.split("\\.(retained|staged)\\.")[0];
        JsonNode entries = ContractJson.mapper().readTree(get("/keystore/entries?alias=" + alias).getBody());
        for (JsonNode entry : entries) {
            if (entry.get("entryName").asText().equals(entryName)) {
                return entry;
            }
        }
        throw new AssertionError("the API lists no entry " + entryName + ": " + entries);
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
