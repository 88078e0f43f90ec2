package io.keyrenewal.notification;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.notification.delivery.DeliveryLog;
import io.keyrenewal.notification.delivery.DeliveryRecord;
import io.keyrenewal.notification.delivery.DeliveryStatus;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import io.keyrenewal.testsupport.kafka.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two runs of the service on one data folder, as around a crash: the second sends what the first only queued. */
@KafkaTestBroker(partitions = 3)
class RestartMidDeliveryTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final CertificateInfo CERTIFICATE = TestCertificates.decryptor();

    @TempDir
    Path dataDir;

    private final RenewalId renewalId = new RenewalId("renewal-" + UUID.randomUUID());
    private final PartnerId partnerId = new PartnerId("acme");

    @Test
    void sendsAMessageQueuedBeforeARestartOnceAfterItAndNotAgainWhenItsEventIsRedelivered(TestKafka broker) {
        String providedId = "provided-" + renewalId;
        String notificationId = providedId + ":RECEIVER_ADMINISTRATOR";

        try (RecordPublisher publish = new RecordPublisher(broker.bootstrapServers())) {
            try (ConfigurableApplicationContext beforeTheCrash = run(broker, false)) {
                publish.event("started-" + renewalId, new RenewalStarted(renewalId, "decryptor", partnerId,
                        Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(7), KeyAlgorithm.DEFAULT, AT));
                publish.event(providedId, new CertificateProvided(renewalId, "decryptor", partnerId,
                        PartnerRole.RECEIVER_ADMINISTRATOR, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, CERTIFICATE,
                        AT));
                DeliveryLog log = beforeTheCrash.getBean(DeliveryLog.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> log.forRenewal(renewalId),
                        rows -> rows.size() == 1 && rows.get(0).status() == DeliveryStatus.QUEUED);
                // a consumer still joining the group when the instance stops leaves a member behind that holds the
                // next instance's join until the session timeout (45 s): the instance stops once its group settled
                await().atMost(Duration.ofSeconds(60)).until(() -> everyConsumerHasItsPartition(beforeTheCrash));
            }
            try (TopicRecorder notifications = new TopicRecorder(broker.bootstrapServers(),
                    Topics.PARTNER_NOTIFICATIONS);
                 ConfigurableApplicationContext afterTheRestart = run(broker, true)) {
                DeliveryLog log = afterTheRestart.getBean(DeliveryLog.class);
                await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                        .until(() -> notifications.records(withHeader(MessageHeaders.ID, notificationId)),
                                records -> records.size() == 1);

                publish.event(providedId, new CertificateProvided(renewalId, "decryptor", partnerId,
                        PartnerRole.RECEIVER_ADMINISTRATOR, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, CERTIFICATE,
                        AT));
                publish.event("completed-" + renewalId, new RenewalCompleted(renewalId, "decryptor", partnerId,
                        AT.plusSeconds(60)));
                // on a busy machine the restarted consumer was once given its partitions only after 30 s (the group
                // rebalances after the first context left; up to the 45 s session timeout if it could not leave)
                List<DeliveryRecord> rows = await().atMost(Duration.ofSeconds(90)).until(
                        () -> log.forRenewal(renewalId), all -> all.size() == 2
                                && all.stream().allMatch(row -> row.status() == DeliveryStatus.SENT));
                await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                        .until(() -> notifications.records(withHeader(MessageHeaders.ID,
                                "completed-" + renewalId + ":RECEIVER_ADMINISTRATOR")), records -> !records.isEmpty());

                assertThat(notifications.records(withHeader(MessageHeaders.ID, notificationId))).hasSize(1);
                assertThat(rows).allSatisfy(row -> assertThat(row.attempts()).isEqualTo(1));
            }
        }
    }

    private static boolean everyConsumerHasItsPartition(ConfigurableApplicationContext instance) {
        return instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
                .flatMap(listener -> ((ConcurrentMessageListenerContainer<?, ?>) listener).getContainers().stream())
                .allMatch(consumer -> consumer.getAssignedPartitions() != null
                        && !consumer.getAssignedPartitions().isEmpty());
    }

    private ConfigurableApplicationContext run(TestKafka broker, boolean dispatching) {
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--KEYRENEWAL_DATA_DIR=" + dataDir,
                "--server.port=0",
                "--keyrenewal.security.mode=local",
                "--keyrenewal.notification.delivery.poll-interval=100ms",
                "--keyrenewal.notification.delivery.dispatching=" + dispatching);
    }
}
