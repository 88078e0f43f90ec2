package io.keyrenewal.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.notification.renewal.KnownRenewals;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.keyrenewal.notification.TopicRecorder.withHeader;

/**
 * The service against a real (embedded) Kafka broker, H2 in a folder of its own under {@code target}, an SMTP server
 * (GreenMail) and a local auditor: one Spring context, one broker and one mail server for every test class that
 * extends this one (Spring's context cache finds the same configuration), as each test uses renewal and partner ids
 * of its own. Tests publish with {@link RecordPublisher}, read what the service published with
 * {@link PublishedRecords} and call its API with {@link NotificationApi}.
 * <p>
 * The outbox is looked at every 100 ms, so that a failing webhook is tried again within the test; that what is queued
 * goes out at once without such a look is {@code DeliveryDispatcherTest}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "keyrenewal.notification.delivery.poll-interval=100ms",
        "keyrenewal.notification.delivery.max-attempts=3",
        "keyrenewal.notification.delivery.backoff.initial=200ms",
        "keyrenewal.notification.delivery.backoff.multiplier=2",
        "keyrenewal.notification.delivery.http-timeout=5s",
        "keyrenewal.notification.email.enabled=true",
        "keyrenewal.notification.email.from=keyrenewal@tenant.example",
        "keyrenewal.notification.tenant.email=" + NotificationServiceContext.TENANT_EMAIL,
        // the partners of DeliveryChannelsTest that have a webhook
        "keyrenewal.notification.webhook-secrets.globex=globex-secret",
        "keyrenewal.notification.webhook-secrets.initech=initech-secret",
        "keyrenewal.notification.webhook-secrets.failing=failing-secret",
        "keyrenewal.notification.webhook-secrets.latecomer=latecomer-secret",
        "keyrenewal.metrics.refresh-interval=PT0.2S"})
@KafkaTestBroker(partitions = 3)
@Import(NotificationServiceContext.Fixtures.class)
abstract class NotificationServiceContext {

    static final String TENANT_EMAIL = "tenant-admin@tenant.example";
    static final Instant STARTED_AT = Instant.parse("2026-11-22T10:00:00Z");
    static final CertificateInfo CERTIFICATE = TestCertificates.decryptor();
    /** BCrypt of "keystore-test" at the lowest cost, the password of the test's auditor. */
    static final String AUDITOR_PASSWORD_HASH =
            "{bcrypt}$2a$04$eW7ZxB7yBmdojk5n92Qc.esMIprRGZ4v/rQ02byBAe.t4coonuZ0K";
    static final String AUDITOR = "Basic " + Base64.getEncoder().encodeToString(
            "notification-test:keystore-test".getBytes(StandardCharsets.UTF_8));

    /** Lives as long as the context (past one test class, unlike a {@code @TempDir}); {@code mvn clean} removes it. */
    static final Path dataDir = newDataDir();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("KEYRENEWAL_DATA_DIR", dataDir::toString);
        // a local auditor reads the delivery log
        registry.add("keyrenewal.security.mode", () -> "local");
        registry.add("keyrenewal.security.users[0].username", () -> "notification-test");
        registry.add("keyrenewal.security.users[0].password", () -> AUDITOR_PASSWORD_HASH);
        registry.add("keyrenewal.security.users[0].roles", () -> "AUDITOR");
    }

    @LocalServerPort
    int port;
    @Autowired
    RecordPublisher publish;
    @Autowired
    PublishedRecords published;
    @Autowired
    GreenMail smtp;
    @Autowired
    KnownRenewals knownRenewals;

    NotificationApi api;

    /** This test's own ids: the tests share the service and its database, never a renewal or a partner. */
    final RenewalId renewalId = new RenewalId("renewal-" + UUID.randomUUID());
    final PartnerId partnerId = new PartnerId("partner-" + UUID.randomUUID().toString().substring(0, 8));

    @BeforeEach
    void callTheApiOnItsPort() {
        api = new NotificationApi(port);
    }

    /** The first message on {@code partner.notifications.v1} that matches, once the service published it. */
    ConsumerRecord<String, String> awaitNotification(Predicate<ConsumerRecord<String, String>> which) {
        return published.awaitFirst(Topics.PARTNER_NOTIFICATIONS, which);
    }

    /** The message the event {@code <eventIdPrefix><renewal id>} yielded for {@code recipient}. */
    PartnerNotification receivedBy(String eventIdPrefix, PartnerRole recipient) {
        return ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID, eventIdPrefix + renewalId + ":"
                + recipient)).value(), PartnerNotification.class);
    }

    /** The mails the SMTP server received for {@code address} whose subject contains {@code about}. */
    List<MimeMessage> mailsTo(String address, String about) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return Arrays.stream(mail.getAllRecipients()).anyMatch(to -> to.toString().equals(address))
                        && subjectOf(mail).contains(about);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This test's renewal of the tenant's decryption key pair (playbook 3) starts. */
    RenewalStarted started() {
        return new RenewalStarted(renewalId, "decryptor", partnerId, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT);
    }

    /** The new certificate of that renewal, provided to the partner's receiver administrator. */
    CertificateProvided provided() {
        return new CertificateProvided(renewalId, "decryptor", partnerId, PartnerRole.RECEIVER_ADMINISTRATOR,
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, CERTIFICATE, STARTED_AT);
    }

    /** What the context holds besides the service: the tests' broker clients and the mail server. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Fixtures {

        @Bean
        RecordPublisher recordPublisher(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
            return new RecordPublisher(bootstrapServers);
        }

        @Bean
        PublishedRecords publishedRecords(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
            return new PublishedRecords(bootstrapServers);
        }

        @Bean(initMethod = "start", destroyMethod = "stop")
        GreenMail smtp() {
            return new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        }

        @Bean
        DynamicPropertyRegistrar mailServer(GreenMail smtp) {
            return registry -> {
                registry.add("spring.mail.host", () -> "localhost");
                registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
            };
        }
    }

    private static Path newDataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "notification-service-context-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
