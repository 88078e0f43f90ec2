package io.keyrenewal.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.localstack.LocalStack;
import io.keyrenewal.localstack.LocalStackConfig;
import io.keyrenewal.localstack.StackService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three services as separate processes over one real Kafka broker (the local stack), driving playbook 3 (the
 * tenant decrypts outbound responses) and playbook 4 (inbound requests) from {@code POST /renewals} to the removal of
 * the old key pair at the retention deadline, with the renewal-service's clock moved forward instead of waiting 90
 * days.
 */
class Playbook3SystemIT {

    static final String ALIAS = "partner-acme-decrypt";
    static final String INBOUND_ALIAS = "acme-request-decrypt";
    static final String PARTNER = "acme";
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static LocalStack stack;
    static ServiceApi renewals;
    static TopicReader events;
    static TopicReader notifications;

    @BeforeAll
    static void startTheStack() {
        Path repository = Path.of(System.getProperty("keyrenewal.repository", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStackConfig.builder(repository).dataDir(data).randomFreePorts()
                .seedAliases(ALIAS + "," + INBOUND_ALIAS)
                .environment(StackService.RENEWAL_SERVICE, "KEYRENEWAL_DEADLINE_POLLING_INTERVAL", "PT0.5S")
                .quickStart() // C1 only: a few renewals start sooner than the full JIT pays off
                .build(), System.out);
        renewals = new ServiceApi(stack.baseUrl(StackService.RENEWAL_SERVICE));
        events = new TopicReader(stack.bootstrapServers(), Topics.RENEWAL_EVENTS);
        notifications = new TopicReader(stack.bootstrapServers(), Topics.PARTNER_NOTIFICATIONS);
    }

    @AfterAll
    static void stopTheStack() {
        if (events != null) {
            events.close();
            notifications.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void runsPlaybook3FromTheRequestToTheRemovalOfTheOldKeyPairAtTheRetentionDeadline() throws Exception {
        // no purpose named: a decryption key of outbound responses, playbook 3
        runDecryptionPlaybook(ALIAS, "", "TENANT_DECRYPTS_OUTBOUND_RESPONSE", PartnerRole.RECEIVER_ADMINISTRATOR);
    }

    @Test
    void runsPlaybook4WithTheSenderForADecryptionKeyOfInboundRequests() throws Exception {
        runDecryptionPlaybook(INBOUND_ALIAS, ",\"purpose\":\"DECRYPT_INBOUND_REQUEST\"",
                "TENANT_DECRYPTS_INBOUND_REQUEST", PartnerRole.SENDER_ADMINISTRATOR);
    }

    /** One renewal of a decryption key, from the request to the removal of the old key pair. */
    private void runDecryptionPlaybook(String alias, String purpose, String playbook, PartnerRole partner)
            throws Exception {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(renewals.get("/partners/acme").get("name")
                .asText()).as("the local stack's demo partner, registered at start").contains("ACME"));
        Map<String, X509Certificate> before = keystoreCertificates();
        X509Certificate seeded = before.get(alias);
        assertThat(seeded).as("the key pair the renewal renews").isNotNull();

        // Step 1: the tenant administrator starts the renewal
        String renewalId = renewals.post("/renewals", """
                {"alias":"%s","partnerId":"%s","guaranteedDeliveryTime":"P30D"%s}""".formatted(alias, PARTNER,
                purpose), 201).get("renewalId").asText();
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/playbook").asText()).isEqualTo(playbook);

        // Steps 1-3: the keystore generates the key pair, keeps the old one beside it, the receiver gets the certificate
        CertificateProvided provided = (CertificateProvided) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided").get(2);
        PartnerNotification message = awaitNotification(renewalId, NotificationKind.CERTIFICATE_PROVIDED);
        Attachment pem = message.attachments().get(0);
        X509Certificate attached = parse(pem.content());
        assertThat(Fingerprint.sha256Of(attached.getEncoded())).isEqualTo(provided.certificate().sha256());
        assertThat(message.partnerId()).isEqualTo(new PartnerId(PARTNER));
        assertThat(provided.recipient()).isEqualTo(partner);
        assertThat(message.recipient()).isEqualTo(partner);
        assertThat(message.body()).contains("configure your " + (partner == PartnerRole.SENDER_ADMINISTRATOR
                ? "sender" : "receiver") + " system to encrypt the payloads it sends to the tenant");
        assertThat(message.body()).contains(provided.certificate().sha256().value()).contains(renewalId);

        Map<String, X509Certificate> during = keystoreCertificates();
        String retainedEntry = alias + ".retained." + seeded.getSerialNumber().toString(16);
        assertThat(during.get(alias)).as("the alias names the new key pair").isEqualTo(attached);
        assertThat(during.get(retainedEntry)).as("the old key pair is kept to decrypt").isEqualTo(seeded);
        assertThat(keystore(alias).isKeyEntry(alias)).isTrue();
        assertThat(keystore(alias).isKeyEntry(retainedEntry)).isTrue();

        // Steps 4-6: the receiver switches to the new certificate and confirms on the topic
        confirm(renewalId, "switch-" + UUID.randomUUID());
        PartnerSwitchedToNewKey switched = (PartnerSwitchedToNewKey) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided", "PartnerSwitchedToNewKey").get(3);
        assertThat(Duration.between(switched.at(), switched.retainOldKeyUntil())).isEqualTo(Duration.ofDays(90));
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/awaiting").asText())
                .isEqualTo("OLD_KEY_PAIR_REMOVAL_DECIDED");

        // Step 7: one day before the deadline nothing is removed ...
        renewals.post("/admin/clock/advance", "{\"duration\":\"P89D\"}", 200);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events.bodies(renewalId)).hasSize(4));
        assertThat(keystoreCertificates()).containsKey(retainedEntry);

        // ... past it, the old key pair is removed and the renewal completes
        renewals.post("/admin/clock/advance", "{\"duration\":\"P1DT1M\"}", 200);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided",
                "PartnerSwitchedToNewKey", "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        Map<String, X509Certificate> after = keystoreCertificates();
        assertThat(after).doesNotContainKey(retainedEntry).containsEntry(alias, attached);

        // the history: stored, published in order, and the partner told of every step that concerns it
        JsonNode detail = renewals.get("/renewals/" + renewalId);
        assertThat(detail.at("/renewal/state").asText()).isEqualTo("COMPLETED");
        assertThat(detail.get("history").findValuesAsText("type")).containsExactly("RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided", "PartnerSwitchedToNewKey", "OldKeyPairRemovalDecided",
                "OldKeyPairRemoved", "RenewalCompleted");
        assertThat(events.records(renewalId)).extracting(record -> TopicReader.header(record, MessageHeaders.SEQUENCE))
                .containsExactly("0", "1", "2", "3", "4", "5", "6");
        awaitNotification(renewalId, NotificationKind.RENEWAL_COMPLETED);
        assertThat(notifications.bodies(renewalId).stream()
                .map(body -> ContractJson.read(body, PartnerNotification.class).kind()))
                .containsExactly(NotificationKind.CERTIFICATE_PROVIDED, NotificationKind.CONFIRMATION_RECEIVED,
                        NotificationKind.RENEWAL_COMPLETED);
    }

    private static List<RenewalEvent> awaitEvents(String renewalId, String... types) {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(events.records(renewalId))
                .extracting(record -> TopicReader.header(record, MessageHeaders.TYPE)).containsExactly(types));
        return events.bodies(renewalId).stream().map(body -> ContractJson.read(body, RenewalEvent.class)).toList();
    }

    private static PartnerNotification awaitNotification(String renewalId, NotificationKind kind) {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(notifications.bodies(renewalId))
                .anySatisfy(body -> assertThat(ContractJson.read(body, PartnerNotification.class).kind())
                        .isEqualTo(kind)));
        return notifications.bodies(renewalId).stream().map(body -> ContractJson.read(body, PartnerNotification.class))
                .filter(notification -> notification.kind() == kind).findFirst().orElseThrow();
    }

    private static void confirm(String renewalId, String confirmationId) throws Exception {
        PartnerConfirmation confirmation = new PartnerConfirmation(confirmationId, new RenewalId(renewalId),
                new PartnerId(PARTNER), ConfirmationType.SWITCHED_TO_NEW_KEY, renewals.now());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            String body = ContractJson.write(confirmation);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PARTNER_CONFIRMATIONS, renewalId,
                    body);
            record.headers().add(new RecordHeader(MessageHeaders.ID, confirmationId.getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader(MessageHeaders.TYPE,
                    "PartnerConfirmation".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader(ConfirmationSignatures.RECORD_HEADER,
                    stack.demoPartnerKey().sign(body).getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }

    /** The keystore file of {@code alias}: keystore-service keeps one PKCS#12 file per alias. */
    private static KeyStore keystore(String alias) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        Path aliasFile = data.resolve("keystore-service").resolve("keystore").resolve(alias + ".p12");
        try (InputStream file = Files.newInputStream(aliasFile)) {
            keystore.load(file, "changeit".toCharArray());
        }
        return keystore;
    }

    /** Every entry of every alias's keystore file, by entry name. */
    private static Map<String, X509Certificate> keystoreCertificates() throws Exception {
        Map<String, X509Certificate> certificates = new java.util.HashMap<>();
        List<Path> aliasFiles;
        try (java.util.stream.Stream<Path> listing = Files.list(data.resolve("keystore-service").resolve("keystore"))) {
            aliasFiles = listing.filter(path -> path.getFileName().toString().endsWith(".p12")).toList();
        }
        for (Path aliasFile : aliasFiles) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            try (InputStream file = Files.newInputStream(aliasFile)) {
                keystore.load(file, "changeit".toCharArray());
            }
            for (String alias : Collections.list(keystore.aliases())) {
                certificates.put(alias, (X509Certificate) keystore.getCertificate(alias));
            }
        }
        return certificates;
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
