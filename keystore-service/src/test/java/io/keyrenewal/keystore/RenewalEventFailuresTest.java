package io.keyrenewal.keystore;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeystoreStepRetried;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import io.keyrenewal.messaging.FailedDeliveries;
import io.keyrenewal.messaging.FailureKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What goes wrong with the renewal events: dead letters, events that need nothing, a database that is away for a
 * while, a failed step the tenant retries.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class RenewalEventFailuresTest extends KeystoreServiceContext {

    @Autowired
    KeyGenerationJournal journal;
    @Autowired
    FailedDeliveries failedDeliveries;
    @Value("${spring.datasource.url}")
    String databaseUrl;

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
}
