package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.journal.KeyGeneration;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import io.keyrenewal.testsupport.PrometheusScrape;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A renewal's start: the new key pair generated (active or staged beside the active one, self-signed as asked), the
 * previous one retained, the same report again for a start delivered twice.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class KeyPairGenerationTest extends KeystoreServiceContext {

    @Autowired
    KeyGenerationJournal journal;

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
}
