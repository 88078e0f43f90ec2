package io.keyrenewal.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateRequestedFromCa;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.localstack.LocalStack;
import io.keyrenewal.localstack.LocalStackConfig;
import io.keyrenewal.localstack.StackService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No private key ever leaves the keystore. Over the whole stack (three service processes, one broker) two renewals
 * run to their end: one whose certificate the tenant's CA issues (playbook 1: the CSR goes out, the CA's chain comes
 * in, the exchange, the old key's removal) and a self-signed one with its own subject and validity, started from the
 * command line (playbook 3, RSA, with decryption by old and new key). Every REST response the test received, every
 * record on every topic (dead-letter topics included) and the services' log files are then scanned for private key
 * material: PEM {@code PRIVATE KEY} markers and the real private keys, read from the keystore's PKCS#12 files with
 * the local stack's password at each step (keys removed at the end are known from before).
 */
class NoPrivateKeySystemIT {

    static final String CA_ALIAS = "globex-ca-signer";
    static final String DECRYPT_ALIAS = "initech-decrypt";
    static final char[] LOCAL_KEYSTORE_PASSWORD = "changeit".toCharArray();
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static LocalStack stack;
    static final List<String> responses = Collections.synchronizedList(new ArrayList<>());
    static final PrivateKeyScanner scanner = new PrivateKeyScanner();
    static ServiceApi renewals;
    static ServiceApi keystore;
    /** An integration flow of the tenant: the one role that signs and decrypts with the keys. */
    static ServiceApi integrationFlow;
    static ServiceApi notifications;
    static TopicReader events;
    static PartnerSystem partner;
    static Renewalctl renewalctl;

    @BeforeAll
    static void startTheStack() {
        Path repository = Path.of(System.getProperty("keyrenewal.repository", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStackConfig.builder(repository).dataDir(data).randomFreePorts()
                .seedAliases(CA_ALIAS + "," + DECRYPT_ALIAS)
                .environment(StackService.RENEWAL_SERVICE, "KEYRENEWAL_DEADLINE_POLLING_INTERVAL", "PT0.5S")
                .quickStart() // C1 only: a few renewals start sooner than the full JIT pays off
                .build(), System.out);
        renewals = new ServiceApi(stack.baseUrl(StackService.RENEWAL_SERVICE), responses);
        keystore = new ServiceApi(stack.baseUrl(StackService.KEYSTORE_SERVICE), responses);
        integrationFlow = keystore.as("integration-flow", "integration-flow-local");
        notifications = new ServiceApi(stack.baseUrl(StackService.NOTIFICATION_SERVICE), responses);
        events = new TopicReader(stack.bootstrapServers(), Topics.RENEWAL_EVENTS);
        partner = new PartnerSystem(stack);
        renewalctl = new Renewalctl(stack.baseUrl(StackService.RENEWAL_SERVICE), responses::add);
    }

    @AfterAll
    static void stopTheStack() {
        if (events != null) {
            events.close();
            partner.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aCaSignedAndASelfSignedRenewalRunToTheirEndWithoutAnyPrivateKeyInResponsesRecordsOrLogs() throws Exception {
        assertThat(learnKeys()).as("the seeded key pairs").isEqualTo(2);

        // a renewal whose certificate the tenant's CA issues: the keystore stages the key and requests it
        String caRenewal = renewals.post("/renewals", """
                {"alias":"%s","partnerId":"acme","guaranteedDeliveryTime":"P7D",
                 "playbook":"TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH","exchangeApproval":"TENANT_APPROVES",
                 "subjectDn":"CN=%s, O=Tenant AG, C=CH","certificateSource":"CA"}""".formatted(CA_ALIAS, CA_ALIAS),
                201).get("renewalId").asText();
        CertificateRequestedFromCa requested = (CertificateRequestedFromCa) awaitEvents(caRenewal, "RenewalStarted",
                "CertificateRequestedFromCa").get(1);
        assertThat(requested.subject()).isEqualTo("CN=" + CA_ALIAS + ",O=Tenant AG,C=CH");
        assertThat(renewals.get("/renewals/" + caRenewal).at("/renewal/nextActor").asText()).isEqualTo("keystore");
        assertThat(keystore.getText("/keystore/entries/" + CA_ALIAS + "/staged/csr"))
                .isEqualTo(requested.certificateSigningRequest());
        assertThat(learnKeys()).isEqualTo(3);

        // the operator takes the request to the CA and imports its answer; a chain without the issuer is refused
        TestCa ca = TestCa.root("CN=Tenant Test CA, O=Tenant AG");
        X509Certificate issued = ca.issueFor(requested.certificateSigningRequest());
        String chainPath = "/keystore/entries/" + CA_ALIAS + "/staged/certificate-chain";
        assertThat(keystore.post(chainPath, pem(issued), "application/x-pem-file", 400).get("detail").asText())
                .contains("is missing from the chain");
        JsonNode imported = keystore.post(chainPath, pem(ca.certificate(), issued), "application/x-pem-file", 200);
        assertThat(imported.get("imported").asBoolean()).isTrue();
        CertificateProvided caProvided = (CertificateProvided) awaitEvents(caRenewal, "RenewalStarted",
                "CertificateRequestedFromCa", "NewKeyPairCreated", "CertificateProvided").get(3);
        assertThat(caProvided.certificate().sha256()).isEqualTo(Fingerprint.sha256Of(issued.getEncoded()));
        assertThat(caProvided.certificate().issuer()).isEqualTo("CN=Tenant Test CA,O=Tenant AG");
        assertThat(caProvided.certificate().subject()).isEqualTo(requested.subject());

        // a self-signed renewal with its own subject and validity, from the command line
        assertThat(renewalctl.run(2, "start", "--alias", DECRYPT_ALIAS, "--partner", "acme", "--guaranteed-delivery",
                "P30D", "--subject-dn", "initech")).contains("refused (400)").contains("subjectDn");
        String selfSigned = renewalctl.run(0, "start", "--alias", DECRYPT_ALIAS, "--partner", "acme",
                "--guaranteed-delivery", "P30D", "--purpose", "DECRYPT_OUTBOUND_RESPONSE", "--key-algorithm",
                "RSA_2048", "--subject-dn", "CN=" + DECRYPT_ALIAS + ", OU=Integration, O=Tenant AG",
                "--validity-days", "120").trim();
        CertificateProvided decryptProvided = (CertificateProvided) awaitEvents(selfSigned, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided").get(2);
        assertThat(decryptProvided.certificate().subject())
                .isEqualTo("CN=" + DECRYPT_ALIAS + ",OU=Integration,O=Tenant AG");
        assertThat(Duration.between(decryptProvided.certificate().notBefore(),
                decryptProvided.certificate().notAfter())).isEqualTo(Duration.ofDays(120));
        assertThat(learnKeys()).isEqualTo(4);

        // the keys at work: the old key signs until the exchange, old and new decrypt
        integrationFlow.post("/keystore/aliases/" + CA_ALIAS + "/sign", "{\"payload\":\""
                + Base64.getEncoder().encodeToString("response".getBytes(StandardCharsets.UTF_8)) + "\"}", 200);
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.ENCRYPT_MODE, parse(decryptProvided.certificate().pem()).getPublicKey());
        JsonNode decrypted = integrationFlow.post("/keystore/aliases/" + DECRYPT_ALIAS + "/decrypt", "{\"keyIdentifier\":{"
                + "\"sha256\":\"" + decryptProvided.certificate().sha256() + "\"},\"ciphertext\":\"" + Base64
                .getEncoder().encodeToString(oaep.doFinal("session key".getBytes(StandardCharsets.UTF_8))) + "\"}",
                200);
        assertThat(Base64.getDecoder().decode(decrypted.get("plaintext").asText()))
                .isEqualTo("session key".getBytes(StandardCharsets.UTF_8));

        // the partner's steps and the tenant's approval; the exchange puts the CA's certificate to work
        partner.confirm(caRenewal, ConfirmationType.VERIFIES_BOTH);
        awaitEvents(caRenewal, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth");
        renewals.post("/renewals/" + caRenewal + "/exchange-approval", "", 200);
        awaitEvents(caRenewal, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided",
                "KeyPairExchanged", "PartnerInformedOfExchange");
        assertThat(keystore.getText("/keystore/entries/" + CA_ALIAS + "/chain"))
                .isEqualTo(pem(issued, ca.certificate()));
        partner.confirm(caRenewal, ConfirmationType.OLD_CERTIFICATE_REMOVED);
        partner.confirm(selfSigned, ConfirmationType.SWITCHED_TO_NEW_KEY);
        awaitEvents(selfSigned, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided",
                "PartnerSwitchedToNewKey");
        awaitEvents(caRenewal, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided",
                "KeyPairExchanged", "PartnerInformedOfExchange", "PartnerRemovedOldCertificate");
        assertThat(learnKeys()).as("old and new key pairs of both aliases").isEqualTo(4);

        // past the retention the old key pairs are removed and both renewals complete
        keystore.post("/admin/clock/advance", "{\"duration\":\"P91D\"}", 200);
        renewals.post("/admin/clock/advance", "{\"duration\":\"P91D\"}", 200);
        awaitEvents(caRenewal, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided",
                "KeyPairExchanged", "PartnerInformedOfExchange", "PartnerRemovedOldCertificate",
                "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        awaitEvents(selfSigned, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided",
                "PartnerSwitchedToNewKey", "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        for (String renewalId : List.of(caRenewal, selfSigned)) {
            assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/state").asText()).isEqualTo("COMPLETED");
            renewals.getText("/audit/export?renewalId=" + renewalId);
            notifications.get("/notifications?renewalId=" + renewalId);
        }
        keystore.get("/keystore/entries");
        keystore.get("/keystore/entries/" + caProvided.certificate().sha256() + "/history");
        assertThat(learnKeys()).as("the removed keys are still known to the scanner").isEqualTo(4);

        // everything the stack showed: responses, records on every topic, logs
        List<ConsumerRecord<String, String>> records = everyRecordOnEveryTopic();
        Set<String> topics = records.stream().map(ConsumerRecord::topic).collect(Collectors.toSet());
        assertThat(topics).contains(Topics.RENEWAL_EVENTS, Topics.KEYSTORE_REPORTS, Topics.PARTNER_NOTIFICATIONS,
                Topics.PARTNER_CONFIRMATIONS, Topics.PARTNER_DIRECTORY);
        List<String> findings = new ArrayList<>();
        List<String> shown = new ArrayList<>(responses);
        for (String response : responses) {
            findings.addAll(scanner.scan("response " + response.substring(0, Math.min(80, response.length())),
                    response));
        }
        for (ConsumerRecord<String, String> record : records) {
            String text = record.key() + " " + record.value() + " " + Stream.of(record.headers().toArray())
                    .map(header -> header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining(" "));
            shown.add(text);
            findings.addAll(scanner.scan("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), text));
        }
        findings.addAll(scanner.scanFiles(stack.logDir()));
        System.out.printf("Scanned %d REST responses, %d records on %d topics and the log files in %s for %d private"
                + " keys%n", responses.size(), records.size(), topics.size(), stack.logDir(), scanner.keyCount());

        assertThat(shown).as("the scan covers the certificates and the certification request")
                .anySatisfy(text -> assertThat(text).contains(caProvided.certificate().sha256().value()))
                .anySatisfy(text -> assertThat(text).contains(requested.certificateSigningRequest()
                        .substring(36, 100)))
                .anySatisfy(text -> assertThat(text).contains("KeyPairRemoved"));
        assertThat(java.nio.file.Files.list(stack.logDir()).count()).as("log files").isGreaterThanOrEqualTo(3);
        assertThat(findings).as("private key material outside the keystore").isEmpty();
    }

    private static int learnKeys() throws Exception {
        return scanner.learnKeystoreFolder(data.resolve("keystore-service").resolve("keystore"),
                LOCAL_KEYSTORE_PASSWORD);
    }

    /** Every record on every (non-internal) topic, from its beginning to its end now. */
    private static List<ConsumerRecord<String, String>> everyRecordOnEveryTopic() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "no-private-key-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.listTopics().values().stream().flatMap(List::stream)
                    .filter(partition -> !partition.topic().startsWith("__"))
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                    .toList();
            assertThat(partitions).extracting(TopicPartition::topic).as("dead-letter topics are read too")
                    .contains(Topics.deadLetter(Topics.RENEWAL_EVENTS), Topics.deadLetter(Topics.KEYSTORE_REPORTS),
                            Topics.deadLetter(Topics.PARTNER_CONFIRMATIONS));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(STEP_TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            return records;
        }
    }

    private static List<RenewalEvent> awaitEvents(String renewalId, String... types) {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(events.records(renewalId))
                .extracting(record -> TopicReader.header(record, MessageHeaders.TYPE)).containsExactly(types));
        return events.bodies(renewalId).stream().map(body -> ContractJson.read(body, RenewalEvent.class)).toList();
    }

    private static String pem(X509Certificate... certificates) throws Exception {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return pem.toString();
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
