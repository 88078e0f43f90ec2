package io.keyrenewal.localstack;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.PartnerRole;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import io.keyrenewal.contracts.partner.ConfirmationKey;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(SharedKafkaBroker.class)
class ScriptedReceiverTest {

    private static final PartnerId ACME = new PartnerId("acme");
    private static final PartnerId OTHER_PARTNER = new PartnerId("globex");

    private static String bootstrapServers;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final RenewalId renewalId = RenewalId.random();
    @TempDir
    static Path keyFolder;
    private static DemoPartnerKey key;
    private final List<ConsumerRecord<String, String>> confirmationRecords = new ArrayList<>();
    private KafkaConsumer<String, String> confirmations;

    @BeforeAll
    static void oneNotificationPartitionSoTheReceiverSeesThemInPublishingOrder(KafkaBroker broker) throws Exception {
        bootstrapServers = broker.bootstrapServers();
        key = DemoPartnerKey.loadOrCreate(keyFolder, "acme");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(Topics.PARTNER_NOTIFICATIONS, 1, (short) 1))).all().get();
        }
    }

    @BeforeEach
    void readConfirmations() {
        confirmations = KafkaClients.viewer(bootstrapServers, "receiver-test");
        confirmations.subscribe(List.of(Topics.PARTNER_CONFIRMATIONS));
    }

    @AfterEach
    void closeConfirmations() {
        confirmations.close();
    }

    @Test
    void answersTheNewCertificateWithASwitchedToNewKeyConfirmationKeyedByTheRenewal() {
        publish(notification(ACME, renewalId, NotificationKind.CERTIFICATE_PROVIDED, "New certificate for you"));

        try (ScriptedReceiver receiver = ScriptedReceiver.start(bootstrapServers, ACME, key, renewalId, out)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                readConfirmationRecords();
                assertThat(confirmationRecords).hasSize(1);
            });
            ConsumerRecord<String, String> record = confirmationRecords.get(0);
            PartnerConfirmation confirmation = ContractJson.read(record.value(), PartnerConfirmation.class);

            assertThat(record.key()).isEqualTo(renewalId.value());
            assertThat(confirmation.renewalId()).isEqualTo(renewalId);
            assertThat(confirmation.partnerId()).isEqualTo(ACME);
            assertThat(confirmation.type()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
            assertThat(confirmation.confirmedAt()).isBefore(Instant.now().plusSeconds(1));
            assertThat(TestRecords.header(record, MessageHeaders.ID)).isEqualTo(confirmation.confirmationId());
            assertThat(TestRecords.header(record, MessageHeaders.TYPE)).isEqualTo("PartnerConfirmation");
            assertThat(TestRecords.header(record, MessageHeaders.SOURCE)).isEqualTo("/partners/acme");
            assertThat(TestRecords.header(record, MessageHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(TestRecords.header(record, MessageHeaders.SUBJECT)).isEqualTo(renewalId.value());
            assertThat(Instant.parse(TestRecords.header(record, MessageHeaders.TIME))).isEqualTo(confirmation.confirmedAt());
            assertThat(receiver.confirmationsSent()).containsExactly(confirmation);
            // signed over the exact record value with the key registered for acme
            ConfirmationKey registered = key.confirmationKey();
            assertThat(ConfirmationSignatures.verify(TestRecords.header(record, ConfirmationSignatures.RECORD_HEADER),
                    record.value().getBytes(StandardCharsets.UTF_8), kid -> Optional.of(registered)
                            .filter(candidate -> candidate.kid().equals(kid)))).isEqualTo("acme-demo");
            // the same key is read back from the folder on the next run
            assertThat(DemoPartnerKey.loadOrCreate(keyFolder, "acme").confirmationKey()).isEqualTo(registered);
        }
        assertThat(printed()).contains("received \"New certificate for you\"", "attachment partner-acme-decrypt.pem",
                "certificate sha256 " + TestRecords.acmeCertificate().sha256().value().substring(0, 16),
                "published SWITCHED_TO_NEW_KEY confirmation");
    }

    @Test
    void ignoresNotificationsForOtherPartnersOtherRenewalsAndOtherKinds() {
        publish(notification(OTHER_PARTNER, renewalId, NotificationKind.CERTIFICATE_PROVIDED, "For globex"));
        publish(notification(ACME, RenewalId.random(), NotificationKind.CERTIFICATE_PROVIDED, "Another renewal"));
        publish(notification(ACME, renewalId, NotificationKind.RENEWAL_COMPLETED, "Already completed"));
        publish(notification(ACME, renewalId, NotificationKind.CERTIFICATE_PROVIDED, "The one to answer"));

        try (ScriptedReceiver receiver = ScriptedReceiver.start(bootstrapServers, ACME, key, renewalId, out)) {
            awaitEveryConfirmationSentOnTheTopicAfter("The one to answer", receiver);

            assertThat(receiver.confirmationsSent()).hasSize(1);
            assertThat(confirmationRecords).hasSize(1);
        }
        assertThat(printed()).doesNotContain("For globex", "Another renewal", "Already completed");
    }

    @Test
    void answersANotificationDeliveredTwiceOnlyOnce() {
        PartnerNotification first = notification(ACME, renewalId, NotificationKind.CERTIFICATE_PROVIDED, "First");
        publish(first);
        publish(first);
        publish(notification(ACME, renewalId, NotificationKind.CERTIFICATE_PROVIDED, "Reminder"));

        try (ScriptedReceiver receiver = ScriptedReceiver.start(bootstrapServers, ACME, key, renewalId, out)) {
            awaitEveryConfirmationSentOnTheTopicAfter("Reminder", receiver);

            // the receiver prints a notification's receipt before it sends its answer: wait for that answer too
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                readConfirmationRecords();
                assertThat(receiver.confirmationsSent()).hasSize(2);
                assertThat(confirmationRecords).hasSize(2);
            });
        }
    }

    /** The receiver handles notifications one by one: once it has answered the last one, it is done with the rest. */
    private void awaitEveryConfirmationSentOnTheTopicAfter(String lastSubject, ScriptedReceiver receiver) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            readConfirmationRecords();
            assertThat(printed()).contains("received \"" + lastSubject + "\"");
            List<String> sentIds = receiver.confirmationsSent().stream().map(PartnerConfirmation::confirmationId).toList();
            assertThat(sentIds).isNotEmpty();
            assertThat(confirmationRecords).extracting(record -> TestRecords.header(record, MessageHeaders.ID))
                    .containsAll(sentIds);
        });
    }

    private void readConfirmationRecords() {
        for (ConsumerRecord<String, String> record : confirmations.poll(Duration.ofMillis(200))) {
            if (renewalId.value().equals(record.key())) {
                confirmationRecords.add(record);
            }
        }
    }

    private static PartnerNotification notification(PartnerId partner, RenewalId renewal, NotificationKind kind,
                                                    String subject) {
        return new PartnerNotification(UUID.randomUUID().toString(), partner, renewal,
                PartnerRole.RECEIVER_ADMINISTRATOR, kind, subject, "Configure the attached certificate, then confirm.",
                List.of(new Attachment("partner-acme-decrypt.pem", "application/x-pem-file",
                        TestRecords.acmeCertificatePem())),
                null, UUID.randomUUID().toString(), Instant.now(), "partner-acme-decrypt");
    }

    private static void publish(PartnerNotification notification) {
        TestRecords.publish(bootstrapServers, Topics.PARTNER_NOTIFICATIONS, notification.partnerId().value(),
                notification, Map.of(MessageHeaders.SUBJECT, notification.renewalId().value()));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
