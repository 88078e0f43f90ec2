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
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.notification.delivery.DeliveryLog;
import io.keyrenewal.notification.delivery.DeliveryRecord;
import io.keyrenewal.notification.delivery.DeliveryStatus;
import io.keyrenewal.testsupport.RealPostgres;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import io.keyrenewal.testsupport.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.keyrenewal.notification.TopicRecorder.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one PostgreSQL database find the same outbox full of due deliveries at the same
 * moment: each delivery is claimed by one of them and sent once.
 */
@KafkaTestBroker(partitions = 3)
class TwoInstancesDeliveryTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final CertificateInfo CERTIFICATE = TestCertificates.decryptor();
    private static final int RENEWALS = 120;

    private final RealPostgres.Database database = RealPostgres.freshDatabase();

    @Test
    void twoInstancesSendEveryQueuedDeliveryOnceBetweenThem(TestKafka broker) throws SQLException {
        List<RenewalId> renewals = IntStream.range(0, RENEWALS)
                .mapToObj(i -> new RenewalId("renewal-" + i + "-" + System.nanoTime())).toList();

        // one instance that does not dispatch fills the outbox: one queued delivery per renewal
        try (RecordPublisher publish = new RecordPublisher(broker.bootstrapServers());
             ConfigurableApplicationContext filling = run(broker, false)) {
            PartnerId partner = new PartnerId("acme");
            for (RenewalId renewal : renewals) {
                publish.event("started-" + renewal, new RenewalStarted(renewal, "decryptor", partner,
                        Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(7), KeyAlgorithm.DEFAULT, AT));
                publish.event("provided-" + renewal, new CertificateProvided(renewal, "decryptor", partner,
                        PartnerRole.RECEIVER_ADMINISTRATOR, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, CERTIFICATE,
                        AT));
            }
            DeliveryLog log = filling.getBean(DeliveryLog.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> renewals.stream()
                    .allMatch(renewal -> statuses(log, renewal).equals(List.of(DeliveryStatus.QUEUED))));
        }

        // two dispatching instances start (one after the other: Spring Boot's logging set-up is not safe to run twice
        // at once) while nothing is due yet; then all of it falls due at once and both look every 100 ms
        outboxDue("now() + interval '1 day'");
        try (ConfigurableApplicationContext one = run(broker, true);
             ConfigurableApplicationContext two = run(broker, true);
             TopicRecorder notifications = new TopicRecorder(broker.bootstrapServers(),
                     Topics.PARTNER_NOTIFICATIONS)) {
            outboxDue("now() - interval '1 second'");
            DeliveryLog log = one.getBean(DeliveryLog.class);
            await().atMost(Duration.ofSeconds(90)).until(() -> renewals.stream()
                    .allMatch(renewal -> statuses(log, renewal).equals(List.of(DeliveryStatus.SENT))));
            List<ConsumerRecord<String, String>> sent = await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .until(() -> notifications.records(record -> true), records -> records.size() >= RENEWALS);

            Map<String, Long> timesSent = sent.stream().collect(Collectors.groupingBy(
                    record -> header(record, MessageHeaders.ID), Collectors.counting()));
            assertThat(timesSent).hasSize(RENEWALS);
            assertThat(timesSent.values()).containsOnly(1L);
            assertThat(renewals.stream().flatMap(renewal -> log.forRenewal(renewal).stream()))
                    .extracting(DeliveryRecord::attempts).containsOnly(1);
        }
    }

    /** Sets when every delivery in the outbox is due (an SQL expression on the database's clock). */
    private void outboxDue(String when) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                database.password())) {
            connection.createStatement().executeUpdate("UPDATE notification_delivery SET next_attempt_at = " + when);
        }
    }

    private static List<DeliveryStatus> statuses(DeliveryLog log, RenewalId renewal) {
        return log.forRenewal(renewal).stream().map(DeliveryRecord::status).toList();
    }

    private ConfigurableApplicationContext run(TestKafka broker, boolean dispatching) {
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--server.port=0",
                "--keyrenewal.security.mode=local",
                "--keyrenewal.notification.delivery.poll-interval=100ms",
                "--keyrenewal.notification.delivery.batch-size=20",
                "--keyrenewal.notification.delivery.dispatching=" + dispatching);
    }
}
