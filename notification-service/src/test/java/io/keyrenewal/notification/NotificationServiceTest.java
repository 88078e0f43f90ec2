package io.keyrenewal.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.KnownRenewals;
import io.keyrenewal.notification.renewal.RenewedKey;
import io.keyrenewal.testsupport.ApiDescriptionCheck;
import io.keyrenewal.testsupport.PrometheusScrape;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import static io.keyrenewal.notification.TopicRecorder.header;
import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// the outbox's periodic look is an hour away: every message here goes out because queuing it woke the dispatcher
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"keyrenewal.notification.delivery.poll-interval=1h", "keyrenewal.metrics.refresh-interval=PT0.2S"})
@KafkaTestBroker(partitions = 3)
class NotificationServiceTest {

    /** BCrypt of "keystore-test" at the lowest cost, the password of the test's auditor. */
    static final String AUDITOR_PASSWORD_HASH =
            "{bcrypt}$2a$04$eW7ZxB7yBmdojk5n92Qc.esMIprRGZ4v/rQ02byBAe.t4coonuZ0K";
    static final String AUDITOR = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "notification-test:keystore-test".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static final Instant STARTED_AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final CertificateInfo CERTIFICATE = TestCertificates.decryptor();

    @TempDir
    static Path dataDir;

    private static KafkaProducer<String, String> producer;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    KnownRenewals knownRenewals;
    @Autowired
    JdbcTemplate jdbc;

    private TopicRecorder notifications;
    private TopicRecorder deadLetters;

    private final RenewalId renewalId = new RenewalId("renewal-" + UUID.randomUUID());
    private final PartnerId partnerId = new PartnerId("partner-" + UUID.randomUUID().toString().substring(0, 8));

    @DynamicPropertySource
    static void dataInTheTemporaryFolder(DynamicPropertyRegistry registry) {
        registry.add("KEYRENEWAL_DATA_DIR", () -> dataDir.toString());
        // a local auditor reads the delivery log
        registry.add("keyrenewal.security.mode", () -> "local");
        registry.add("keyrenewal.security.users[0].username", () -> "notification-test");
        registry.add("keyrenewal.security.users[0].password", () -> AUDITOR_PASSWORD_HASH);
        registry.add("keyrenewal.security.users[0].roles", () -> "AUDITOR");
    }

    @BeforeEach
    void readTheOutputTopics() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }
        notifications = new TopicRecorder(bootstrapServers, Topics.PARTNER_NOTIFICATIONS);
        deadLetters = new TopicRecorder(bootstrapServers, Topics.deadLetter(Topics.RENEWAL_EVENTS));
    }

    @AfterEach
    void stopReading() {
        notifications.close();
        deadLetters.close();
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void theApiDescriptionDocumentsEveryEndpointAndIsReadWithoutCredentials() {
        ApiDescriptionCheck description = new ApiDescriptionCheck("http://127.0.0.1:" + port);

        assertThat(description.undocumented(ApiDescriptionCheck.endpoints(mappings))).isEmpty();
        assertThat(description.roles("GET /notifications")).containsExactly("AUDITOR", "TENANT_ADMIN");
        assertThat(description.statusWithoutCredentials("/swagger-ui/index.html")).isEqualTo(200);
        assertThat(description.statusWithoutCredentials("/notifications?renewalId=x")).as("nothing else opens")
                .isEqualTo(401);
    }

    @Test
    void sendsTheNewCertificateToTheReceiverAdministratorWithTheConfirmationToPublish() {
        publish("started-" + renewalId, started());
        publish("created-" + renewalId, new NewKeyPairCreated(renewalId, "decryptor", CERTIFICATE, null, STARTED_AT));
        publish("provided-" + renewalId, provided());

        ConsumerRecord<String, String> record = awaitOne(withHeader(MessageHeaders.ID,
                "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"));
        PartnerNotification notification = ContractJson.read(record.value(), PartnerNotification.class);

        assertThat(record.key()).isEqualTo(partnerId.value());
        assertThat(header(record, MessageHeaders.SUBJECT)).isEqualTo(renewalId.value());
        assertThat(header(record, MessageHeaders.TYPE)).isEqualTo("PartnerNotification");
        assertThat(header(record, MessageHeaders.SOURCE)).isEqualTo("/keyrenewal/notification-service");
        assertThat(header(record, MessageHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, MessageHeaders.TIME)).isEqualTo(STARTED_AT.toString());
        assertThat(notification.notificationId()).isEqualTo("provided-" + renewalId + ":RECEIVER_ADMINISTRATOR");
        assertThat(notification.partnerId()).isEqualTo(partnerId);
        assertThat(notification.renewalId()).isEqualTo(renewalId);
        assertThat(notification.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(notification.kind()).isEqualTo(NotificationKind.CERTIFICATE_PROVIDED);
        assertThat(notification.causationId()).isEqualTo("provided-" + renewalId);
        assertThat(notification.body()).contains(CERTIFICATE.sha256().value());
        assertThat(notification.attachments()).containsExactly(new Attachment(
                "decryptor-" + CERTIFICATE.serialNumber() + ".pem", "application/x-pem-file", CERTIFICATE.pem()));
        assertThat(notification.expectedConfirmation().topic()).isEqualTo(Topics.PARTNER_CONFIRMATIONS);
        assertThat(notification.expectedConfirmation().type()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(notification.expectedConfirmation().example())
                .contains("\"renewalId\":\"" + renewalId + "\"", "\"partnerId\":\"" + partnerId + "\"");
        assertThat(notifications.records(forThisRenewal()))
                .as("RenewalStarted and NewKeyPairCreated ask nothing of the partner").hasSize(1);
    }

    @Test
    void tellsThePartnerOfEachStepOnceEvenWhenAnEventIsRedelivered() throws Exception {
        publish("started-" + renewalId, started());
        publish("provided-" + renewalId, provided());
        awaitOne(withHeader(MessageHeaders.ID, "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"));

        publish("provided-" + renewalId, provided());
        publish("switched-" + renewalId, new PartnerSwitchedToNewKey(renewalId, partnerId, "confirmation-1",
                Instant.parse("2027-02-20T10:00:00Z"), STARTED_AT.plusSeconds(60)));
        PartnerNotification confirmationReceived = ContractJson.read(awaitOne(withHeader(MessageHeaders.ID,
                "switched-" + renewalId + ":RECEIVER_ADMINISTRATOR")).value(), PartnerNotification.class);
        assertThat(notifications.records(withHeader(MessageHeaders.ID,
                "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"))).hasSize(1);

        publish("completed-" + renewalId, new RenewalCompleted(renewalId, "decryptor", partnerId,
                STARTED_AT.plusSeconds(120)));
        ConsumerRecord<String, String> completedRecord = awaitOne(withHeader(MessageHeaders.ID,
                "completed-" + renewalId + ":RECEIVER_ADMINISTRATOR"));
        PartnerNotification completed = ContractJson.read(completedRecord.value(), PartnerNotification.class);

        assertThat(confirmationReceived.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(confirmationReceived.partnerId()).isEqualTo(partnerId);
        assertThat(confirmationReceived.body()).contains("2027-02-20T10:00:00Z");
        assertThat(confirmationReceived.expectedConfirmation()).isNull();
        assertThat(completed.kind()).isEqualTo(NotificationKind.RENEWAL_COMPLETED);
        assertThat(completedRecord.key()).isEqualTo(partnerId.value());
        assertThat(completed.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);

        JsonNode log = await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> ContractJson.mapper().readTree(get("/notifications?renewalId=" + renewalId).body()),
                        rows -> rows.size() == 3 && rows.findValuesAsText("status").stream().allMatch("SENT"::equals));
        assertThat(log.findValuesAsText("kind")).containsExactlyInAnyOrder("CERTIFICATE_PROVIDED",
                "CONFIRMATION_RECEIVED", "RENEWAL_COMPLETED");
        assertThat(log.findValuesAsText("status")).containsOnly("SENT");
        assertThat(log.findValuesAsText("channel")).containsOnly("kafka");
        assertThat(log.findValuesAsText("partnerId")).containsOnly(partnerId.value());
        assertThat(log.findValues("attempts")).allSatisfy(attempts -> assertThat(attempts.asInt()).isEqualTo(1));
        assertThat(log.findValues("sentAt")).allSatisfy(sentAt -> assertThat(sentAt.isTextual()).isTrue());
    }

    @Test
    void asksThePartnerForItsNewCertificateAcknowledgesItAndAsksForTheSwitchOnceItIsImported() {
        // the catalogue names no playbook of a partner's certificate yet: the messages read the events, not it
        Playbook playbook = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
        CertificateRef previous = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=partner old", "01ff");
        publish("started-" + renewalId, new RenewalStarted(renewalId, "partner-signer", partnerId, playbook,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, KeyPairActivation.NONE, null, PartnerRole.SENDER_ADMINISTRATOR));
        publish("requested-" + renewalId, new PartnerCertificateRequested(renewalId, "partner-signer", partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook, STARTED_AT, STARTED_AT.plus(Duration.ofDays(7)),
                ConfirmationType.NEW_CERTIFICATE));
        publish("received-" + renewalId, new PartnerCertificateReceived(renewalId, "partner-signer", partnerId,
                "acme-1", CERTIFICATE, STARTED_AT.plusSeconds(60)));
        publish("imported-" + renewalId, new PartnerCertificateImported(renewalId, "partner-signer", partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook, CERTIFICATE.ref(), previous, STARTED_AT.plusSeconds(120),
                STARTED_AT.plus(Duration.ofDays(8)), ConfirmationType.SWITCHED_TO_NEW_KEY));

        PartnerNotification requested = ContractJson.read(awaitOne(withHeader(MessageHeaders.ID,
                "requested-" + renewalId + ":SENDER_ADMINISTRATOR")).value(), PartnerNotification.class);
        PartnerNotification received = ContractJson.read(awaitOne(withHeader(MessageHeaders.ID,
                "received-" + renewalId + ":SENDER_ADMINISTRATOR")).value(), PartnerNotification.class);
        PartnerNotification imported = ContractJson.read(awaitOne(withHeader(MessageHeaders.ID,
                "imported-" + renewalId + ":SENDER_ADMINISTRATOR")).value(), PartnerNotification.class);

        assertThat(requested.kind()).isEqualTo(NotificationKind.PARTNER_CERTIFICATE_REQUESTED);
        assertThat(requested.body()).contains("create a new key pair in your sender system");
        assertThat(requested.expectedConfirmation().type()).isEqualTo(ConfirmationType.NEW_CERTIFICATE);
        assertThat(requested.expectedConfirmation().example())
                .contains("\"certificate\":\"<PEM of your new certificate>\"");
        assertThat(received.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(received.body()).contains("acme-1 (NEW_CERTIFICATE)").contains(CERTIFICATE.sha256().value());
        assertThat(imported.kind()).isEqualTo(NotificationKind.PARTNER_CERTIFICATE_IMPORTED);
        assertThat(imported.body()).contains(CERTIFICATE.sha256().value()).contains(previous.sha256().value());
        assertThat(imported.expectedConfirmation().type()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(List.of(requested, received, imported)).allSatisfy(notification -> {
            assertThat(notification.recipient()).isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
            assertThat(notification.partnerId()).isEqualTo(partnerId);
        });
        assertThat(knownRenewals.find(renewalId)).get().extracting(KnownRenewal::renewedKey)
                .isEqualTo(RenewedKey.PARTNER_CERTIFICATE);
    }

    @Test
    void tellsThePartnerThatTheTenantVerifiesItsNewCertificateAndAtTheEndRemovedItsOldOne() {
        Playbook playbook = Playbook.TENANT_VERIFIES_OUTBOUND_RESPONSE;
        publish("started-" + renewalId, new RenewalStarted(renewalId, "partner-verifier", partnerId, playbook,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, KeyPairActivation.NONE, null, PartnerRole.RECEIVER_ADMINISTRATOR));
        publish("switched-" + renewalId, new PartnerSwitchedToNewKey(renewalId, partnerId, "acme-2",
                STARTED_AT.plus(Duration.ofDays(91)), STARTED_AT.plus(Duration.ofDays(1))));
        publish("completed-" + renewalId, new RenewalCompleted(renewalId, "partner-verifier", partnerId,
                STARTED_AT.plus(Duration.ofDays(91))));

        PartnerNotification switched = ContractJson.read(awaitOne(withHeader(MessageHeaders.ID,
                "switched-" + renewalId + ":RECEIVER_ADMINISTRATOR")).value(), PartnerNotification.class);
        PartnerNotification completed = ContractJson.read(awaitOne(withHeader(MessageHeaders.ID,
                "completed-" + renewalId + ":RECEIVER_ADMINISTRATOR")).value(), PartnerNotification.class);

        assertThat(switched.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(switched.body()).contains("now verifies your signatures for the alias \"partner-verifier\" with"
                + " your new certificate").contains("keeps your old certificate until "
                + STARTED_AT.plus(Duration.ofDays(91)));
        assertThat(completed.kind()).isEqualTo(NotificationKind.RENEWAL_COMPLETED);
        assertThat(completed.body())
                .contains("The tenant removed your old certificate from its keystore (alias \"partner-verifier\")")
                .contains("You may now retire your old key pair")
                .doesNotContain("removed the old key pair");
    }

    @Test
    void tellsTheReceiverWhomTheTenantEncryptsToOfTheUndeployTheSwapOfItsKeyAndTheRedeploy() {
        // playbook 11, as its events say it: what the later messages say comes from what the service kept of them
        Playbook playbook = Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME;
        Instant windowStart = STARTED_AT.plus(Duration.ofDays(1));
        Instant windowEnd = windowStart.plus(Duration.ofHours(2));
        publish("started-" + renewalId, new RenewalStarted(renewalId, "partner-encryption", partnerId, playbook,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, KeyPairActivation.NONE, null, PartnerRole.RECEIVER_ADMINISTRATOR,
                PartnerCertificateUse.ENCRYPT_TO_PARTNER));
        publish("agreed-" + renewalId, new DowntimeAgreed(renewalId, partnerId, "acme-1", windowStart, windowEnd,
                STARTED_AT.plusSeconds(60), null, null));
        publish("undeployed-" + renewalId, new IntegrationFlowUndeployed(renewalId, partnerId, "integration-dev",
                windowStart));
        publish("requested-" + renewalId, new PartnerCertificateRequested(renewalId, "partner-encryption", partnerId,
                PartnerRole.RECEIVER_ADMINISTRATOR, playbook, windowStart.plusSeconds(60), null,
                ConfirmationType.NEW_CERTIFICATE, PartnerCertificateUse.ENCRYPT_TO_PARTNER));
        publish("imported-" + renewalId, new PartnerCertificateImported(renewalId, "partner-encryption", partnerId,
                PartnerRole.RECEIVER_ADMINISTRATOR, playbook, CERTIFICATE.ref(), null, windowStart.plusSeconds(600),
                null, null, PartnerCertificateUse.ENCRYPT_TO_PARTNER, windowStart.plus(Duration.ofDays(90))));
        publish("redeployed-" + renewalId, new IntegrationFlowRedeployed(renewalId, partnerId, "integration-dev",
                windowStart.plusSeconds(900)));
        publish("completed-" + renewalId, new RenewalCompleted(renewalId, "partner-encryption", partnerId,
                windowStart.plus(Duration.ofDays(90))));

        PartnerNotification agreed = receivedBy("agreed-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification undeployed = receivedBy("undeployed-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification requested = receivedBy("requested-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification imported = receivedBy("imported-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification redeployed = receivedBy("redeployed-", PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification completed = receivedBy("completed-", PartnerRole.RECEIVER_ADMINISTRATOR);

        assertThat(agreed.expectedConfirmation()).isNull();
        assertThat(agreed.body()).contains("its integration developer undeploys the integration flow that uses the"
                + " alias").doesNotContain("SENDING_STOPPED");
        assertThat(undeployed.subject()).startsWith("The tenant stopped sending: integration flow undeployed");
        assertThat(undeployed.body()).contains("The tenant stopped sending you messages at " + windowStart);
        assertThat(requested.body()).as("the downtime agreed before, as the service recorded it")
                .contains("No messages flow between you and the tenant now (the agreed downtime)")
                .contains("it encrypts the messages it sends you to it");
        assertThat(imported.expectedConfirmation()).isNull();
        assertThat(imported.body()).contains("Nothing to confirm: the tenant's integration developer redeploys the"
                + " integration flow that uses the alias next");
        assertThat(redeployed.subject()).startsWith("The tenant sends again: integration flow redeployed");
        assertThat(redeployed.body()).contains("the tenant sends you messages again, encrypted to your new"
                + " certificate");
        assertThat(completed.body()).as("the use of the certificate, as the service remembered it from the start")
                .contains("the tenant encrypts the messages it sends you only to your new certificate")
                .doesNotContain("verifies your signatures");
        assertThat(List.of(agreed, undeployed, requested, imported, redeployed, completed))
                .allSatisfy(notification -> assertThat(notification.partnerId()).isEqualTo(partnerId));
        assertThat(knownRenewals.find(renewalId)).get()
                .extracting(KnownRenewal::partnerCertificateUse, KnownRenewal::downtimeUntil)
                .containsExactly(PartnerCertificateUse.ENCRYPT_TO_PARTNER, windowEnd);
    }

    @Test
    void tellsTheReceiverThatExchangedTheTenantsCertificateAfterTheKeyPairExchangeThatTheFlowIsRedeployedNext() {
        // playbook 12: the key pair's exchange, as the service recorded it, comes before the receiver's
        Playbook playbook = Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME;
        Instant exchangedAt = STARTED_AT.plus(Duration.ofDays(1));
        publish("started-" + renewalId, new RenewalStarted(renewalId, "signer", partnerId, playbook,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, KeyPairActivation.STAGED_UNTIL_EXCHANGE, null,
                PartnerRole.RECEIVER_ADMINISTRATOR, null));
        publish("exchanged-" + renewalId, new KeyPairExchanged(renewalId, "signer", CERTIFICATE.ref(), null,
                exchangedAt.plus(Duration.ofDays(90)), exchangedAt));
        publish("certificate-exchanged-" + renewalId, new SenderExchangedCertificate(renewalId, partnerId, "acme-5",
                exchangedAt.plusSeconds(60)));

        PartnerNotification acknowledged = receivedBy("certificate-exchanged-", PartnerRole.RECEIVER_ADMINISTRATOR);

        assertThat(acknowledged.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(acknowledged.body()).contains("Next: the tenant's integration developer redeploys the integration"
                + " flow that uses the alias").doesNotContain("then exchanges its key pair");
        assertThat(knownRenewals.find(renewalId)).get().extracting(KnownRenewal::keyPairExchangedAt)
                .isEqualTo(exchangedAt);
    }

    @Test
    void remembersARenewalOfThePartnersCertificateFromItsRequestAsFromTheCertificateProvided() {
        // as when the service first reads the topic after the renewal started
        publish("requested-" + renewalId, new PartnerCertificateRequested(renewalId, "partner-signer", partnerId,
                PartnerRole.RECEIVER_ADMINISTRATOR, Playbook.TENANT_DECRYPTS_INBOUND_REQUEST, STARTED_AT, null,
                ConfirmationType.NEW_CERTIFICATE));
        publish("received-" + renewalId, new PartnerCertificateReceived(renewalId, "partner-signer", partnerId,
                "acme-1", CERTIFICATE, STARTED_AT.plusSeconds(60)));

        PartnerNotification received = ContractJson.read(awaitOne(withHeader(MessageHeaders.ID,
                "received-" + renewalId + ":RECEIVER_ADMINISTRATOR")).value(), PartnerNotification.class);
        assertThat(received.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(knownRenewals.find(renewalId)).get().extracting(KnownRenewal::recipient, KnownRenewal::renewedKey)
                .containsExactly(PartnerRole.RECEIVER_ADMINISTRATOR, RenewedKey.PARTNER_CERTIFICATE);
    }

    @Test
    void readsARenewalRememberedWithoutItsRecipientAsItsPlaybookHadIt() {
        // as an instance of the version before V2 writes it during a rolling upgrade
        RenewalId decrypting = new RenewalId("renewal-" + UUID.randomUUID());
        RenewalId signing = new RenewalId("renewal-" + UUID.randomUUID());
        for (Object[] row : List.of(new Object[]{decrypting.value(), Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE},
                new Object[]{signing.value(), Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME})) {
            jdbc.update("INSERT INTO known_renewal (renewal_id, partner_id, alias, playbook, started_at)"
                    + " VALUES (?, ?, 'alias', ?, CURRENT_TIMESTAMP)", row[0], partnerId.value(), row[1].toString());
        }

        assertThat(knownRenewals.find(decrypting)).get().extracting(KnownRenewal::recipient)
                .isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(knownRenewals.find(signing)).get().extracting(KnownRenewal::recipient)
                .isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
    }

    @Test
    void readsARenewalRememberedWithoutWhatItRenewsAsARenewalOfTheTenantsKeyPair() {
        // as an instance of the version before V3 writes it during a rolling upgrade
        jdbc.update("INSERT INTO known_renewal (renewal_id, partner_id, alias, playbook, recipient, started_at)"
                        + " VALUES (?, ?, 'signer', ?, ?, CURRENT_TIMESTAMP)", renewalId.value(), partnerId.value(),
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH.name(), PartnerRole.SENDER_ADMINISTRATOR.name());

        assertThat(knownRenewals.find(renewalId)).get().extracting(KnownRenewal::renewedKey)
                .isEqualTo(RenewedKey.TENANT_KEY_PAIR);
    }

    @Test
    void readsARenewalOfThePartnersCertificateRememberedWithoutItsUseAsOneTheTenantVerifiesWith() {
        // as an instance of the version before V4 writes it during a rolling upgrade
        jdbc.update("INSERT INTO known_renewal (renewal_id, partner_id, alias, playbook, recipient, renewed_key,"
                        + " started_at) VALUES (?, ?, 'partner-signer', ?, ?, ?, CURRENT_TIMESTAMP)",
                renewalId.value(), partnerId.value(), Playbook.TENANT_VERIFIES_INBOUND_REQUEST.name(),
                PartnerRole.SENDER_ADMINISTRATOR.name(), RenewedKey.PARTNER_CERTIFICATE.name());

        assertThat(knownRenewals.find(renewalId)).get()
                .extracting(KnownRenewal::partnerCertificateUse, KnownRenewal::downtimeUntil,
                        KnownRenewal::keyPairExchangedAt)
                .containsExactly(PartnerCertificateUse.VERIFY_SIGNATURES, null, null);
    }

    @Test
    void sendsAMalformedRecordToTheDeadLetterTopicAndCarriesOnWithTheNextOne() {
        publishRaw(renewalId.value(), "this is not json", "broken-" + renewalId);
        publish("started-" + renewalId, started());
        publish("provided-" + renewalId, provided());

        ConsumerRecord<String, String> deadLetter = awaitOne(deadLetters,
                withHeader(MessageHeaders.ID, "broken-" + renewalId));
        assertThat(deadLetter.key()).isEqualTo(renewalId.value());
        assertThat(deadLetter.value()).isEqualTo("this is not json");
        assertThat(header(deadLetter, MessageHeaders.DEAD_LETTER_REASON)).startsWith("not a valid RenewalEvent");
        awaitOne(withHeader(MessageHeaders.ID, "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"));
    }

    @Test
    void sendsRecordsItCannotActOnToTheDeadLetterTopicWithAReadableReason() {
        publishRaw(renewalId.value(), ContractJson.write(started()), null);
        publishRaw(renewalId.value(), "{\"type\":\"RenewalPostponed\",\"renewalId\":\"" + renewalId + "\"}",
                "unknown-type-" + renewalId);
        RenewalId neverStarted = new RenewalId("never-started-" + UUID.randomUUID());
        publish("switched-" + neverStarted, new PartnerSwitchedToNewKey(neverStarted, partnerId, "confirmation-1",
                Instant.parse("2027-02-20T10:00:00Z"), STARTED_AT));

        await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
            List<String> reasons = deadLetters.records(record -> renewalId.value().equals(record.key())
                            || neverStarted.value().equals(record.key())).stream()
                    .map(record -> header(record, MessageHeaders.DEAD_LETTER_REASON))
                    .toList();
            assertThat(reasons).hasSize(3);
            assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("no ce_id header"));
            assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("RenewalPostponed"));
            assertThat(reasons).anySatisfy(reason -> assertThat(reason)
                    .contains("renewal " + neverStarted + " is unknown"));
        });
    }

    @Test
    void theDeliveryLogIsReadOnlyWithARole() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/notifications?renewalId=r-1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(get("/notifications?renewalId=r-1").statusCode()).isEqualTo(200);
    }

    @Test
    void theMetricsAreScrapedWithARole() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void countsDeliveriesByChannelKindAndOutcome() {
        publish("started-" + renewalId, started());
        publish("provided-" + renewalId, provided());
        awaitOne(withHeader(MessageHeaders.ID, "provided-" + renewalId + ":RECEIVER_ADMINISTRATOR"));

        await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.parse(get("/actuator/prometheus").body());
            assertThat(scrape.sum("keyrenewal_notification_deliveries_total", Map.of("channel", "kafka",
                    "kind", "CERTIFICATE_PROVIDED", "outcome", "sent"))).isGreaterThanOrEqualTo(1);
            // read from the delivery log; every channel and status has a row, 0 where nothing waits
            assertThat(scrape.samples("keyrenewal_notification_deliveries_outstanding", Map.of("channel", "kafka",
                    "status", "parked"))).hasSize(1);
        });
    }

    @Test
    void refusesToListNotificationsWithoutARenewalId() throws Exception {
        HttpResponse<String> response = get("/notifications");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ContractJson.mapper().readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("renewalId");
    }

    @Test
    void reportsItselfHealthy() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ContractJson.mapper().readTree(response.body()).path("status").asText()).isEqualTo("UP");
        // the probes an orchestrator calls, without credentials; readiness includes the database
        for (String probe : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + probe)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(probe).isEqualTo(200);
            assertThat(ContractJson.mapper().readTree(anonymous.body()).path("status").asText()).isEqualTo("UP");
        }
    }

    private RenewalStarted started() {
        return new RenewalStarted(renewalId, "decryptor", partnerId, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                Duration.ofDays(7), KeyAlgorithm.DEFAULT, STARTED_AT);
    }

    private CertificateProvided provided() {
        return new CertificateProvided(renewalId, "decryptor", partnerId, PartnerRole.RECEIVER_ADMINISTRATOR,
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, CERTIFICATE, STARTED_AT);
    }

    /** The message the event {@code <eventIdPrefix><renewal id>} yielded for {@code recipient}. */
    private PartnerNotification receivedBy(String eventIdPrefix, PartnerRole recipient) {
        return ContractJson.read(awaitOne(withHeader(MessageHeaders.ID, eventIdPrefix + renewalId + ":" + recipient))
                .value(), PartnerNotification.class);
    }

    private Predicate<ConsumerRecord<String, String>> forThisRenewal() {
        return withHeader(MessageHeaders.SUBJECT, renewalId.value());
    }

    private ConsumerRecord<String, String> awaitOne(Predicate<ConsumerRecord<String, String>> which) {
        return awaitOne(notifications, which);
    }

    private static ConsumerRecord<String, String> awaitOne(TopicRecorder topic,
                                                           Predicate<ConsumerRecord<String, String>> which) {
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> topic.records(which), records -> !records.isEmpty())
                .get(0);
    }

    private void publish(String eventId, RenewalEvent event) {
        publishRaw(event.renewalId().value(), ContractJson.write(event), eventId, event.getClass().getSimpleName());
    }

    private void publishRaw(String key, String value, String eventId) {
        publishRaw(key, value, eventId, "RenewalEvent");
    }

    private void publishRaw(String key, String value, String eventId, String type) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RENEWAL_EVENTS, key, value);
        if (eventId != null) {
            record.headers().add(MessageHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add(MessageHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.SOURCE, "/keyrenewal/renewal-service".getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.SUBJECT, key.getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.TIME, STARTED_AT.toString().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test could not publish " + value, e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", AUDITOR)
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
