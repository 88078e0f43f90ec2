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
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.playbook.Milestones;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateRequestedFromCa;
import io.keyrenewal.contracts.renewal.CertificateUse;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerConfirmationRejected;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.watch.AliasWatchEvent;
import io.keyrenewal.contracts.watch.ExpiryTierReached;
import io.keyrenewal.contracts.watch.RenewalStartedByPolicy;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every playbook, over the whole stack (three services as separate processes, one real Kafka broker). The tenant
 * decrypts: 3 (outbound responses) and 4 (inbound requests), the new key pair active at once beside the old one, which
 * is removed at the retention deadline (the PKCS#12 files read to show it). The tenant signs: 1 and 2 (inbound responses), 5 and 12 (outbound requests; 12 at an agreed downtime with the
 * integration flow undeployed and redeployed): the keystore stages the new key pair, exchanges it under the alias only
 * when the playbook allows, and removes the archived one at the retention deadline; the partner is told of the
 * exchange only after it was applied. The tenant verifies the partner's signatures (6, 7) or encrypts to the partner
 * (8 to 11; 9 and 11 at an agreed downtime): the partner sends the certificate of its new key pair in a signed
 * confirmation, the keystore imports it with the old one kept beside it (both verify, both can be encrypted to, the
 * new one by default), the partner is told the fingerprint imported, and the old certificate is removed at the
 * retention deadline; no key of the partner's ever reaches the system. Playbook 1 runs a second time with a
 * certificate the tenant's CA issues, playbook 4 is started from the command line with its own key algorithm, subject
 * and validity. One stack for all, started in {@link #startTheStack()}: each test moves the clocks only once nothing
 * of its renewal awaits a partner.
 *
 * <p>Last, no private key left the keystore in anything the tests above made the stack do: every response they
 * received (REST and renewalctl), every record on every topic and the log files are scanned for the real private keys
 * ({@link #noPrivateKeyIsInAnyResponseRecordOrLogOfTheTestsAbove()}). A test added here is covered as long as it
 * calls the stack through {@link #renewals}, {@link #keystore}, {@link #integrationFlow}, {@link #notificationService}
 * or {@link #renewalctl}, and moves the clocks through {@link #advanceBothClocks}, which learns the keys before a
 * retention deadline removes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaybooksSystemIT {

    static final String VERIFY_BOTH_ALIAS = "acme-response-signer";
    static final String DOWNTIME_ALIAS = "globex-response-signer";
    static final String REQUEST_SIGNER_ALIAS = "acme-request-signer";
    static final String ORDER_SIGNER_ALIAS = "acme-order-signer";
    static final String DECRYPT_ALIAS = "partner-acme-decrypt";
    static final String INBOUND_DECRYPT_ALIAS = "acme-request-decrypt";
    static final String CA_SIGNED_ALIAS = "globex-ca-signer";
    /** The aliases the keystore seeds with a key pair at its first start; the tests renew each once. */
    static final List<String> SEEDED_ALIASES = List.of(VERIFY_BOTH_ALIAS, DOWNTIME_ALIAS, REQUEST_SIGNER_ALIAS,
            ORDER_SIGNER_ALIAS, DECRYPT_ALIAS, INBOUND_DECRYPT_ALIAS, CA_SIGNED_ALIAS);
    static final char[] LOCAL_KEYSTORE_PASSWORD = "changeit".toCharArray();
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static LocalStack stack;
    static ServiceApi renewals;
    static ServiceApi keystore;
    static TopicReader events;
    static TopicReader notifications;
    static TopicReader watchEvents;
    static PartnerSystem partnerSystem;
    /** An integration flow of the tenant: the one role that signs and decrypts with the keys. */
    static ServiceApi integrationFlow;
    static ServiceApi notificationService;
    static Renewalctl renewalctl;
    static final TestCa PARTNER_CA = TestCa.root("CN=ACME partner CA, O=ACME");
    static final TestCa TENANT_CA = TestCa.root("CN=Tenant Test CA, O=Tenant AG");

    /** Every response the tests received, REST (status, headers, body) and renewalctl's output, for the scan. */
    static final List<String> responses = Collections.synchronizedList(new ArrayList<>());
    static final PrivateKeyScanner scanner = new PrivateKeyScanner();
    /** Texts the scan must come across in what it reads: it read the stack's records and responses. */
    static final List<String> expectedInTheScan = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startTheStack() throws Exception {
        Path repository = Path.of(System.getProperty("keyrenewal.repository", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStackConfig.builder(repository).dataDir(data).randomFreePorts()
                .seedAliases(String.join(",", SEEDED_ALIASES))
                .environment(StackService.RENEWAL_SERVICE, "KEYRENEWAL_DEADLINE_POLLING_INTERVAL", "PT0.5S")
                .quickStart() // C1 only: a few renewals start sooner than the full JIT pays off
                .build(), System.out);
        renewals = new ServiceApi(stack.baseUrl(StackService.RENEWAL_SERVICE), responses);
        keystore = new ServiceApi(stack.baseUrl(StackService.KEYSTORE_SERVICE), responses);
        integrationFlow = keystore.as("integration-flow", "integration-flow-local");
        notificationService = new ServiceApi(stack.baseUrl(StackService.NOTIFICATION_SERVICE), responses);
        renewalctl = new Renewalctl(stack.baseUrl(StackService.RENEWAL_SERVICE), responses::add);
        events = new TopicReader(stack.bootstrapServers(), Topics.RENEWAL_EVENTS);
        notifications = new TopicReader(stack.bootstrapServers(), Topics.PARTNER_NOTIFICATIONS);
        watchEvents = new TopicReader(stack.bootstrapServers(), Topics.ALIAS_WATCH);
        partnerSystem = new PartnerSystem(stack, renewals);
        assertThat(learnKeys()).as("the seeded key pairs").isEqualTo(SEEDED_ALIASES.size());
    }

    @AfterAll
    static void stopTheStack() {
        if (partnerSystem != null) {
            partnerSystem.close();
            events.close();
            notifications.close();
            watchEvents.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void playbook1ExchangesOnlyAfterTheSenderVerifiesBothAndTheTenantApproves() throws Exception {
        String oldKey = activeKey(VERIFY_BOTH_ALIAS);
        String renewalId = start(VERIFY_BOTH_ALIAS, "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH", "TENANT_APPROVES");

        CertificateProvided provided = (CertificateProvided) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided").get(2);
        assertThat(provided.recipient()).isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
        awaitNotification(renewalId, NotificationKind.CERTIFICATE_PROVIDED);
        assertThat(activeKey(VERIFY_BOTH_ALIAS)).as("the new key waits staged").isEqualTo(oldKey);
        assertThat(keyInState(VERIFY_BOTH_ALIAS, "STAGED")).isEqualTo(provided.certificate().sha256().value());

        renewals.post("/renewals/" + renewalId + "/exchange-approval", "", 409);
        confirm(renewalId, ConfirmationType.VERIFIES_BOTH);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth");
        assertThat(activeKey(VERIFY_BOTH_ALIAS)).as("no exchange before the tenant approves").isEqualTo(oldKey);

        renewals.post("/renewals/" + renewalId + "/exchange-approval", "", 200);
        KeyPairExchanged exchanged = (KeyPairExchanged) awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided",
                "KeyPairExchanged", "PartnerInformedOfExchange").get(6);
        assertThat(activeKey(VERIFY_BOTH_ALIAS)).isEqualTo(provided.certificate().sha256().value());
        assertThat(keyInState(VERIFY_BOTH_ALIAS, "ARCHIVED")).isEqualTo(oldKey);
        assertThat(Duration.between(exchanged.at(), exchanged.retainOldKeyUntil())).isEqualTo(Duration.ofDays(90));

        confirm(renewalId, ConfirmationType.OLD_CERTIFICATE_REMOVED);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange",
                "PartnerRemovedOldCertificate");
        renewals.post("/renewals/" + renewalId + "/old-key-pair-removal", "", 409);

        // both services keep their own time: the keystore checks the retention date by its own clock too
        advanceBothClocks("P91D");
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange",
                "PartnerRemovedOldCertificate", "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        assertThat(keyInState(VERIFY_BOTH_ALIAS, "ARCHIVED")).as("the old key pair is removed").isNull();
        assertThat(activeKey(VERIFY_BOTH_ALIAS)).isEqualTo(provided.certificate().sha256().value());
    }

    @Test
    void playbook1RunsWithACertificateTheTenantsCaIssuesForTheKeystoresCertificationRequest() throws Exception {
        int keysKnown = learnKeys();
        String renewalId = renewals.post("/renewals", """
                {"alias":"%s","partnerId":"acme","guaranteedDeliveryTime":"P7D",
                 "playbook":"TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH","exchangeApproval":"TENANT_APPROVES",
                 "subjectDn":"CN=%s, O=Tenant AG, C=CH","certificateSource":"CA"}"""
                .formatted(CA_SIGNED_ALIAS, CA_SIGNED_ALIAS), 201).get("renewalId").asText();
        CertificateRequestedFromCa requested = (CertificateRequestedFromCa) awaitEvents(renewalId, "RenewalStarted",
                "CertificateRequestedFromCa").get(1);
        assertThat(requested.subject()).isEqualTo("CN=" + CA_SIGNED_ALIAS + ",O=Tenant AG,C=CH");
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/nextActor").asText()).isEqualTo("keystore");
        assertThat(keystore.getText("/keystore/entries/" + CA_SIGNED_ALIAS + "/staged/csr"))
                .isEqualTo(requested.certificateSigningRequest());
        assertThat(learnKeys()).as("the staged key pair, read from the alias's PKCS#12 file").isEqualTo(keysKnown + 1);

        // the operator takes the request to the CA and imports its answer; a chain without the issuer is refused
        X509Certificate issued = TENANT_CA.issueFor(requested.certificateSigningRequest(), keystore.now());
        String chainPath = "/keystore/entries/" + CA_SIGNED_ALIAS + "/staged/certificate-chain";
        assertThat(keystore.post(chainPath, pem(issued), "application/x-pem-file", 400).get("detail").asText())
                .contains("is missing from the chain");
        JsonNode imported = keystore.post(chainPath, pem(TENANT_CA.certificate(), issued), "application/x-pem-file",
                200);
        assertThat(imported.get("imported").asBoolean()).isTrue();
        CertificateProvided provided = (CertificateProvided) awaitEvents(renewalId, "RenewalStarted",
                "CertificateRequestedFromCa", "NewKeyPairCreated", "CertificateProvided").get(3);
        assertThat(provided.certificate().sha256()).isEqualTo(Fingerprint.sha256Of(issued.getEncoded()));
        assertThat(provided.certificate().issuer()).isEqualTo("CN=Tenant Test CA,O=Tenant AG");
        assertThat(provided.certificate().subject()).isEqualTo(requested.subject());
        // the old key signs until the exchange
        integrationFlow.post("/keystore/aliases/" + CA_SIGNED_ALIAS + "/sign", "{\"payload\":\""
                + Base64.getEncoder().encodeToString("response".getBytes(StandardCharsets.UTF_8)) + "\"}", 200);

        // the partner's steps and the tenant's approval; the exchange puts the CA's certificate to work
        confirm(renewalId, ConfirmationType.VERIFIES_BOTH);
        awaitEvents(renewalId, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth");
        renewals.post("/renewals/" + renewalId + "/exchange-approval", "", 200);
        awaitEvents(renewalId, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided",
                "KeyPairExchanged", "PartnerInformedOfExchange");
        assertThat(keystore.getText("/keystore/entries/" + CA_SIGNED_ALIAS + "/chain"))
                .isEqualTo(pem(issued, TENANT_CA.certificate()));
        confirm(renewalId, ConfirmationType.OLD_CERTIFICATE_REMOVED);
        awaitEvents(renewalId, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided",
                "KeyPairExchanged", "PartnerInformedOfExchange", "PartnerRemovedOldCertificate");

        // past the retention the old key pair is removed and the renewal completes
        advanceBothClocks("P91D");
        awaitEvents(renewalId, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided",
                "KeyPairExchanged", "PartnerInformedOfExchange", "PartnerRemovedOldCertificate",
                "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/state").asText()).isEqualTo("COMPLETED");
        keystore.get("/keystore/entries/" + provided.certificate().sha256().value() + "/history");
        assertThat(learnKeys()).as("the removed key is still known to the scanner").isEqualTo(keysKnown + 1);
        // the scan at the end reads the certificate and the certification request in records and responses
        expectedInTheScan.add(provided.certificate().sha256().value());
        expectedInTheScan.add(requested.certificateSigningRequest().substring(36, 100));
    }

    @Test
    void playbook5IsChosenForAnOutboundRequestSigningKeyAndRunsWithTheReceiverToTheRemovalOfTheOldKeyPair()
            throws Exception {
        String oldKey = activeKey(REQUEST_SIGNER_ALIAS);
        // the purpose, not the playbook: the catalogue chooses playbook 5, as the partner verifies both keys at once
        String renewalId = renewals.post("/renewals", """
                {"alias":"%s","partnerId":"acme","guaranteedDeliveryTime":"P7D","purpose":"SIGN_OUTBOUND_REQUEST",
                 "exchangeApproval":"AUTOMATIC"}""".formatted(REQUEST_SIGNER_ALIAS), 201).get("renewalId").asText();
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/playbook").asText())
                .isEqualTo("TENANT_SIGNS_OUTBOUND_REQUEST_VERIFY_BOTH");

        CertificateProvided provided = (CertificateProvided) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided").get(2);
        assertThat(provided.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        PartnerNotification message = notification(renewalId, NotificationKind.CERTIFICATE_PROVIDED);
        assertThat(message.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(message.body()).startsWith("Hello receiver administrator of partner acme,")
                .contains("configure your receiver system to verify the payloads the tenant signs with the old key")
                .contains("\"type\":\"VERIFIES_BOTH\"");
        assertThat(keyInState(REQUEST_SIGNER_ALIAS, "STAGED")).isEqualTo(provided.certificate().sha256().value());
        assertThat(activeKey(REQUEST_SIGNER_ALIAS)).as("the new key waits staged").isEqualTo(oldKey);

        confirm(renewalId, ConfirmationType.VERIFIES_BOTH);
        KeyPairExchanged exchanged = (KeyPairExchanged) awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided", "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided",
                "KeyPairExchanged", "PartnerInformedOfExchange").get(6);
        assertThat(activeKey(REQUEST_SIGNER_ALIAS)).isEqualTo(provided.certificate().sha256().value());
        assertThat(keyInState(REQUEST_SIGNER_ALIAS, "ARCHIVED")).isEqualTo(oldKey);
        assertThat(notification(renewalId, NotificationKind.KEY_PAIR_EXCHANGED).body())
                .contains("the messages it sends you are signed with the new key")
                .contains("\"type\":\"OLD_CERTIFICATE_REMOVED\"");

        confirm(renewalId, ConfirmationType.OLD_CERTIFICATE_REMOVED);
        // the step is taken before the clock moves: else the 91 days pass its respond-by date first (overdue)
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange",
                "PartnerRemovedOldCertificate");
        advanceBothClocks("P91D");
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange",
                "PartnerRemovedOldCertificate", "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        assertThat(exchanged.retainOldKeyUntil()).isEqualTo(exchanged.at().plus(Duration.ofDays(90)));
        assertThat(keyInState(REQUEST_SIGNER_ALIAS, "ARCHIVED")).as("the old key pair is removed").isNull();
        assertThat(activeKey(REQUEST_SIGNER_ALIAS)).isEqualTo(provided.certificate().sha256().value());
    }

    @Test
    void playbook2RunsAutomaticallyThroughTheAgreedDowntimeAndRecordsTheRealDowntime() throws Exception {
        String oldKey = activeKey(DOWNTIME_ALIAS);
        String renewalId = start(DOWNTIME_ALIAS, "TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME", "AUTOMATIC");
        CertificateProvided provided = (CertificateProvided) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided").get(2);

        Instant now = renewals.now();
        renewals.post("/renewals/" + renewalId + "/downtime", """
                {"windowStart":"%s","windowEnd":"%s"}""".formatted(now.plusSeconds(60), now.plusSeconds(3660)), 200);
        confirm(renewalId, ConfirmationType.DOWNTIME_ACCEPTED);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed");

        renewals.post("/admin/clock/advance", "{\"duration\":\"PT61S\"}", 200);
        confirm(renewalId, ConfirmationType.SENDING_STOPPED);
        confirm(renewalId, ConfirmationType.CERTIFICATE_EXCHANGED);
        // automatic: the drain is confirmed as soon as the sender stopped, the exchange once it swapped certificates
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed", "SenderStoppedSending", "DrainConfirmed", "SenderExchangedCertificate",
                "KeyPairExchangeApproved", "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange");
        assertThat(activeKey(DOWNTIME_ALIAS)).isEqualTo(provided.certificate().sha256().value());
        assertThat(keyInState(DOWNTIME_ALIAS, "ARCHIVED")).isEqualTo(oldKey);

        confirm(renewalId, ConfirmationType.SENDING_RESUMED);
        SenderResumedSending resumed = (SenderResumedSending) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed", "DowntimeAgreed",
                "SenderStoppedSending", "DrainConfirmed", "SenderExchangedCertificate", "KeyPairExchangeApproved",
                "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange", "SenderResumedSending")
                .get(12);
        assertThat(resumed.actualDowntime()).isPositive().isLessThan(Duration.ofHours(1));
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/actualDowntime").asText())
                .isEqualTo(resumed.actualDowntime().toString());
    }

    @Test
    void theOperatorStartsListsAbortsAuditsReplaysAndRepublishesFromTheCommandLine() throws Exception {
        String renewalId = renewalctl(0, "start", "--alias", "cli-signer", "--partner", "acme",
                "--guaranteed-delivery", "P7D", "--playbook", "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH").trim();
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided");

        assertThat(renewalctl(0, "list", "--alias", "cli-signer")).contains(renewalId).contains("PARTNER_VERIFIES_BOTH");
        assertThat(renewalctl(0, "playbooks", "--steps")).contains("catalogue version 1")
                .containsPattern(" 1  TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH +signs inbound response,"
                        + " partner verifies both \\(partner: SENDER_ADMINISTRATOR\\)")
                .containsPattern("PARTNER_VERIFIES_BOTH +partner +after CERTIFICATE_PROVIDED \\(confirmation"
                        + " VERIFIES_BOTH\\)");
        assertThat(renewalctl(0, "show", renewalId)).contains("state OPEN").contains("next: partner");
        assertThat(renewalctl(2, "approve", renewalId)).contains("refused (409)").contains("PARTNER_VERIFIES_BOTH");
        assertThat(renewalctlAs("auditor", "auditor-local", 2, "approve", renewalId)).contains("refused (403)");
        assertThat(renewalctlAs("operator", "wrong", 2, "list")).contains("refused (401)");
        String hash = renewalctl(0, "hash-password", "--password", "operator-local").trim();
        assertThat(hash).startsWith("{bcrypt}$2a$10$");
        assertThat(org.springframework.security.crypto.bcrypt.BCrypt.checkpw("operator-local",
                hash.substring("{bcrypt}".length()))).as(hash).isTrue();

        // the partner signs its confirmation with the tool and sends it over REST
        Path confirmation = data.resolve("verifies-both.json");
        java.nio.file.Files.writeString(confirmation, ContractJson.write(new PartnerConfirmation("cli-verifies",
                new RenewalId(renewalId), new PartnerId("acme"), ConfirmationType.VERIFIES_BOTH, renewals.now())));
        Path partnerKey = data.resolve("demo-partner").resolve("acme-confirmation-key.pem");
        assertThat(renewalctl(0, "sign-confirmation", "--key", partnerKey.toString(), "--kid", "acme-demo",
                confirmation.toString())).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\s*");
        assertThat(renewalctlAs("acme", "acme-local", 0, "confirm", "--key", partnerKey.toString(), "--kid",
                "acme-demo", confirmation.toString())).contains("confirmed VERIFIES_BOTH").contains("next: tenant");
        // the tenant's step, named as the catalogue names it: the one verb for every tenant step
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(renewalctl(0, "show", renewalId))
                .contains("tenant step now: renewalctl step " + renewalId + " exchange-approved"));
        assertThat(renewalctl(2, "step", renewalId, "exchange")).contains("refused (400)").contains(
                "the tenant steps of playbook TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH are EXCHANGE_APPROVED");

        learnKeys(); // the staged key pair, before the abort discards it
        assertThat(renewalctl(0, "abort", renewalId, "--reason", "rehearsal only")).contains("state ABORTED");
        assertThat(renewalctl(0, "history", renewalId)).contains("RenewalStarted").contains("keystore")
                .contains("PartnerVerifiesBoth").contains("RenewalAborted").contains("tenant:operator");
        assertThat(renewalctl(0, "verify", renewalId)).contains("intact");
        Path export = data.resolve("export.jsonl");
        renewalctl(0, "export", renewalId, "--output", export.toString());
        responses.add("renewalctl export " + renewalId + ": " + java.nio.file.Files.readString(export));
        assertThat(java.nio.file.Files.readAllLines(export)).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(line -> assertThat(ContractJson.mapper().readTree(line).get("hash").asText()).hasSize(64));
        assertThat(renewalctl(0, "replay", "--poll", "PT0.1S")).contains("DONE");

        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "PartnerVerifiesBoth",
                "RenewalAborted", "StagedKeyPairDiscarded");
        List<String> sent = events.records(renewalId).stream().map(PlaybooksSystemIT::asSent).toList();
        assertThat(renewalctl(2, "republish")).contains("refused (400)").contains("give a renewalId");
        assertThat(renewalctl(0, "republish", "--renewal", renewalId, "--poll", "PT0.1S"))
                .contains("DONE: 6 of 6 events");
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(events.records(renewalId)).hasSize(12));
        assertThat(events.records(renewalId).stream().map(PlaybooksSystemIT::asSent).toList())
                .as("the same records again, headers and all").isEqualTo(java.util.stream.Stream.concat(sent.stream(),
                        sent.stream()).toList());
    }

    @Test
    void playbook6RenewsTheSendersCertificateTheTenantVerifiesInboundRequestsWith() throws Exception {
        renewPartnerCertificate("acme-request-verify", "VERIFY_INBOUND_REQUEST", "TENANT_VERIFIES_INBOUND_REQUEST",
                PartnerRole.SENDER_ADMINISTRATOR);
    }

    @Test
    void playbook7RenewsTheReceiversCertificateTheTenantVerifiesOutboundResponsesWith() throws Exception {
        renewPartnerCertificate("acme-response-verify", "VERIFY_OUTBOUND_RESPONSE",
                "TENANT_VERIFIES_OUTBOUND_RESPONSE", PartnerRole.RECEIVER_ADMINISTRATOR);
    }

    @Test
    void playbook8RenewsTheSendersCertificateTheTenantEncryptsInboundResponsesTo() throws Exception {
        renewPartnerCertificate("acme-response-encrypt", "ENCRYPT_INBOUND_RESPONSE",
                "TENANT_ENCRYPTS_INBOUND_RESPONSE_DECRYPT_BOTH", PartnerRole.SENDER_ADMINISTRATOR);
    }

    @Test
    void playbook10RenewsTheReceiversCertificateTheTenantEncryptsOutboundRequestsTo() throws Exception {
        renewPartnerCertificate("acme-request-encrypt", "ENCRYPT_OUTBOUND_REQUEST",
                "TENANT_ENCRYPTS_OUTBOUND_REQUEST_DECRYPT_BOTH", PartnerRole.RECEIVER_ADMINISTRATOR);
    }

    /**
     * Playbooks 6 to 8 and 10, chosen by purpose for acme (which works with both keys at once): the certificate the
     * tenant verifies with (EC) or encrypts to (RSA) is replaced, both usable until the partner switched.
     */
    private void renewPartnerCertificate(String alias, String purpose, String playbook, PartnerRole partner)
            throws Exception {
        boolean encrypt = purpose.startsWith("ENCRYPT");
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(renewals.get("/partners/acme").get("name")
                .asText()).as("the local stack's demo partner, registered at start").contains("ACME"));
        // the partner's certificate the tenant verifies with today
        KeyPair oldKeys = encrypt ? rsaKeys(2048) : ecKeys();
        X509Certificate oldCertificate = PARTNER_CA.issue("CN=" + alias + " old, O=ACME", oldKeys.getPublic(), renewals.now());
        keystore.post("/keystore/aliases/" + alias + "/partner-certificates?activate=true", pem(oldCertificate),
                "application/x-pem-file", 200);
        String oldSha256 = Fingerprint.sha256Of(oldCertificate.getEncoded()).value();

        String renewalId = renewals.post("/renewals", """
                {"alias":"%s","partnerId":"acme","guaranteedDeliveryTime":"P7D","purpose":"%s"}"""
                .formatted(alias, purpose), 201).get("renewalId").asText();
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/playbook").asText()).isEqualTo(playbook);
        PartnerCertificateRequested requested = (PartnerCertificateRequested) awaitEvents(renewalId,
                "RenewalStarted", "PartnerCertificateRequested").get(1);
        assertThat(requested.recipient()).isEqualTo(partner);
        assertThat(requested.awaitedConfirmation()).isEqualTo(ConfirmationType.NEW_CERTIFICATE);
        PartnerNotification asked = notification(renewalId, NotificationKind.PARTNER_CERTIFICATE_REQUESTED);
        assertThat(asked.recipient()).isEqualTo(partner);
        assertThat(asked.expectedConfirmation().type()).isEqualTo(ConfirmationType.NEW_CERTIFICATE);

        assertThat(requested.use()).isEqualTo(encrypt ? PartnerCertificateUse.ENCRYPT_TO_PARTNER
                : PartnerCertificateUse.VERIFY_SIGNATURES);

        // a certificate that fails the checks is rejected with the reason; the step stays awaited
        KeyPair weak = encrypt ? ecKeys() : rsaKeys(1024);
        partnerSystem.sendNewCertificate(renewalId, pem(PARTNER_CA.issue("CN=" + alias + " weak", weak.getPublic(),
                renewals.now())));
        PartnerConfirmationRejected rejected = (PartnerConfirmationRejected) awaitEvents(renewalId, "RenewalStarted",
                "PartnerCertificateRequested", "PartnerConfirmationRejected").get(2);
        assertThat(rejected.reason()).contains(encrypt ? "encryption needs an RSA key"
                : "an RSA key of 1024 bits: at least 2048 are required");

        // the partner's new key pair: only its certificate leaves the partner
        KeyPair newKeys = encrypt ? rsaKeys(2048) : ecKeys();
        X509Certificate newCertificate = PARTNER_CA.issue("CN=" + alias + " 2027, O=ACME", newKeys.getPublic(),
                renewals.now());
        String newSha256 = Fingerprint.sha256Of(newCertificate.getEncoded()).value();
        partnerSystem.sendNewCertificate(renewalId, pem(newCertificate));
        PartnerCertificateImported imported = (PartnerCertificateImported) awaitEvents(renewalId, "RenewalStarted",
                "PartnerCertificateRequested", "PartnerConfirmationRejected", "PartnerCertificateReceived",
                "PartnerCertificateImported").get(4);
        assertThat(imported.imported().sha256().value()).isEqualTo(newSha256);
        assertThat(imported.previous().sha256().value()).isEqualTo(oldSha256);
        assertThat(imported.awaitedConfirmation()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(notification(renewalId, NotificationKind.PARTNER_CERTIFICATE_IMPORTED).body()).contains(newSha256);

        // both work while the partner switches: the new one as the alias's active certificate, the old one named
        assertThat(works(encrypt, alias, newKeys, null)).isTrue();
        assertThat(works(encrypt, alias, oldKeys, oldSha256)).isTrue();
        assertThat(works(encrypt, alias, oldKeys, null)).as("the old key is no longer the active one").isFalse();

        partnerSystem.confirm(renewalId, ConfirmationType.SWITCHED_TO_NEW_KEY);
        PartnerSwitchedToNewKey switched = (PartnerSwitchedToNewKey) awaitEvents(renewalId, "RenewalStarted",
                "PartnerCertificateRequested", "PartnerConfirmationRejected", "PartnerCertificateReceived",
                "PartnerCertificateImported", "PartnerSwitchedToNewKey").get(5);
        assertThat(switched.retainOldKeyUntil()).isEqualTo(switched.at().plus(Duration.ofDays(90)));

        // past the retention (both services keep their own time), the old certificate is removed
        advanceBothClocks("P91D");
        awaitEvents(renewalId, "RenewalStarted", "PartnerCertificateRequested", "PartnerConfirmationRejected",
                "PartnerCertificateReceived", "PartnerCertificateImported", "PartnerSwitchedToNewKey",
                "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        assertThat(works(encrypt, alias, newKeys, null)).isTrue();
        if (encrypt) {
            integrationFlow.post("/keystore/aliases/" + alias + "/encrypt", encryptRequest(oldSha256, new byte[1]),
                    404);
        } else {
            integrationFlow.post("/keystore/aliases/" + alias + "/verify", verifyRequest(oldKeys, oldSha256), 404);
        }
        JsonNode detail = renewals.get("/renewals/" + renewalId);
        assertThat(detail.at("/renewal/state").asText()).isEqualTo("COMPLETED");
        assertThat(detail.at("/renewal/newCertificateSha256").asText()).isEqualTo(newSha256);
    }

    /**
     * Playbooks 9 and 11, started by name (acme decrypts with both keys, so its purpose would choose 8 or 10): the
     * partner certificate the tenant encrypts to is replaced at an agreed downtime, the sender stopping (9) or the
     * tenant's integration flow undeployed (11); the certificate is asked for only after the drain, its predecessor
     * retained from the import.
     */
    private void renewPartnerCertificateAtDowntime(String alias, String playbook, boolean tenantStops)
            throws Exception {
        KeyPair oldKeys = rsaKeys(2048);
        X509Certificate oldCertificate = PARTNER_CA.issue("CN=" + alias + " old, O=ACME", oldKeys.getPublic(), renewals.now());
        keystore.post("/keystore/aliases/" + alias + "/partner-certificates?activate=true", pem(oldCertificate),
                "application/x-pem-file", 200);
        String oldSha256 = Fingerprint.sha256Of(oldCertificate.getEncoded()).value();
        String renewalId = start(alias, playbook, "TENANT_APPROVES");
        awaitEvents(renewalId, "RenewalStarted");

        agreeDowntime(renewalId);
        DowntimeAgreed agreed = (DowntimeAgreed) awaitEvents(renewalId, "RenewalStarted", "DowntimeProposed",
                "DowntimeAgreed").get(2);
        assertThat(agreed.awaitedConfirmation()).isEqualTo(tenantStops ? null : ConfirmationType.SENDING_STOPPED);
        renewals.post("/admin/clock/advance", "{\"duration\":\"PT61S\"}", 200);
        if (tenantStops) {
            takeStep(renewalId, "flow-undeployed");
        } else {
            confirm(renewalId, ConfirmationType.SENDING_STOPPED);
        }
        String stopped = tenantStops ? "IntegrationFlowUndeployed" : "SenderStoppedSending";
        awaitEvents(renewalId, "RenewalStarted", "DowntimeProposed", "DowntimeAgreed", stopped);
        // the certificate is asked for only once nothing encrypted to the old one is on its way
        takeStep(renewalId, "drain-confirmed");
        PartnerCertificateRequested requested = (PartnerCertificateRequested) awaitEvents(renewalId,
                "RenewalStarted", "DowntimeProposed", "DowntimeAgreed", stopped, "DrainConfirmed",
                "PartnerCertificateRequested").get(5);
        assertThat(requested.use()).isEqualTo(PartnerCertificateUse.ENCRYPT_TO_PARTNER);
        assertThat(notification(renewalId, NotificationKind.PARTNER_CERTIFICATE_REQUESTED).expectedConfirmation()
                .type()).isEqualTo(ConfirmationType.NEW_CERTIFICATE);

        KeyPair newKeys = rsaKeys(2048);
        X509Certificate newCertificate = PARTNER_CA.issue("CN=" + alias + " 2027, O=ACME", newKeys.getPublic(),
                renewals.now());
        partnerSystem.sendNewCertificate(renewalId, pem(newCertificate));
        PartnerCertificateImported imported = (PartnerCertificateImported) awaitEvents(renewalId, "RenewalStarted",
                "DowntimeProposed", "DowntimeAgreed", stopped, "DrainConfirmed", "PartnerCertificateRequested",
                "PartnerCertificateReceived", "PartnerCertificateImported").get(7);
        assertThat(imported.imported().sha256().value())
                .isEqualTo(Fingerprint.sha256Of(newCertificate.getEncoded()).value());
        assertThat(imported.retainPreviousUntil()).as("retained from the import: the tenant no longer encrypts to it")
                .isEqualTo(imported.at().plus(Duration.ofDays(90)));
        assertThat(imported.awaitedConfirmation()).isEqualTo(tenantStops ? null : ConfirmationType.SENDING_RESUMED);
        assertThat(works(true, alias, newKeys, null)).isTrue();
        assertThat(works(true, alias, oldKeys, oldSha256)).isTrue();

        if (tenantStops) {
            takeStep(renewalId, "flow-redeployed");
        } else {
            confirm(renewalId, ConfirmationType.SENDING_RESUMED);
        }
        String resumed = tenantStops ? "IntegrationFlowRedeployed" : "SenderResumedSending";
        if (tenantStops) {
            assertThat(notification(renewalId, NotificationKind.INTEGRATION_FLOW_REDEPLOYED).body())
                    .contains("encrypted to your new certificate");
        }
        awaitEvents(renewalId, "RenewalStarted", "DowntimeProposed", "DowntimeAgreed", stopped, "DrainConfirmed",
                "PartnerCertificateRequested", "PartnerCertificateReceived", "PartnerCertificateImported", resumed);
        advanceBothClocks("P91D");
        awaitEvents(renewalId, "RenewalStarted", "DowntimeProposed", "DowntimeAgreed", stopped, "DrainConfirmed",
                "PartnerCertificateRequested", "PartnerCertificateReceived", "PartnerCertificateImported", resumed,
                "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        integrationFlow.post("/keystore/aliases/" + alias + "/encrypt", encryptRequest(oldSha256, new byte[1]), 404);
        assertThat(works(true, alias, newKeys, null)).isTrue();
    }

    @Test
    void playbook9ReplacesTheSendersEncryptionCertificateWhileTheSenderStopsSending() throws Exception {
        renewPartnerCertificateAtDowntime("globex-response-encrypt", "TENANT_ENCRYPTS_INBOUND_RESPONSE_WITH_DOWNTIME",
                false);
    }

    @Test
    void playbook11ReplacesTheReceiversEncryptionCertificateWhileTheIntegrationFlowIsUndeployed() throws Exception {
        renewPartnerCertificateAtDowntime("globex-request-encrypt", "TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME",
                true);
    }

    @Test
    void playbook12ExchangesTheRequestSigningKeyWhileTheIntegrationFlowIsUndeployed() throws Exception {
        String oldKey = activeKey(ORDER_SIGNER_ALIAS);
        String renewalId = start(ORDER_SIGNER_ALIAS, "TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME", "TENANT_APPROVES");
        CertificateProvided provided = (CertificateProvided) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided").get(2);
        assertThat(provided.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(provided.certificateUse()).isEqualTo(CertificateUse.EXCHANGE_AT_DOWNTIME);

        agreeDowntime(renewalId);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed");
        renewals.post("/admin/clock/advance", "{\"duration\":\"PT61S\"}", 200);
        takeStep(renewalId, "flow-undeployed");
        takeStep(renewalId, "drain-confirmed");
        assertThat(activeKey(ORDER_SIGNER_ALIAS)).as("staged until the exchange").isEqualTo(oldKey);
        takeStep(renewalId, "exchange-approved");
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed", "IntegrationFlowUndeployed", "DrainConfirmed", "KeyPairExchangeApproved",
                "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange");
        assertThat(activeKey(ORDER_SIGNER_ALIAS)).isEqualTo(provided.certificate().sha256().value());
        assertThat(keyInState(ORDER_SIGNER_ALIAS, "ARCHIVED")).isEqualTo(oldKey);
        assertThat(notification(renewalId, NotificationKind.KEY_PAIR_EXCHANGED).expectedConfirmation().type())
                .isEqualTo(ConfirmationType.CERTIFICATE_EXCHANGED);

        // the flow is redeployed only once the receiver verifies with the new certificate
        renewals.post("/renewals/" + renewalId + "/steps/flow-redeployed", "", 409);
        confirm(renewalId, ConfirmationType.CERTIFICATE_EXCHANGED);
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed", "IntegrationFlowUndeployed", "DrainConfirmed", "KeyPairExchangeApproved",
                "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange",
                "SenderExchangedCertificate");
        takeStep(renewalId, "flow-redeployed");
        assertThat(notification(renewalId, NotificationKind.INTEGRATION_FLOW_REDEPLOYED).body())
                .contains("signed with its new key");
        advanceBothClocks("P91D");
        awaitEvents(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided", "DowntimeProposed",
                "DowntimeAgreed", "IntegrationFlowUndeployed", "DrainConfirmed", "KeyPairExchangeApproved",
                "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange",
                "SenderExchangedCertificate", "IntegrationFlowRedeployed", "OldKeyPairRemovalDecided",
                "OldKeyPairRemoved", "RenewalCompleted");
        assertThat(keyInState(ORDER_SIGNER_ALIAS, "ARCHIVED")).as("removed after the retention").isNull();
    }

    @Test
    void runsPlaybook3FromTheRequestToTheRemovalOfTheOldKeyPairAtTheRetentionDeadline() throws Exception {
        // no purpose named: a decryption key of outbound responses, playbook 3
        runDecryptionPlaybook(DECRYPT_ALIAS, "TENANT_DECRYPTS_OUTBOUND_RESPONSE", PartnerRole.RECEIVER_ADMINISTRATOR,
                () -> renewals.post("/renewals", """
                        {"alias":"%s","partnerId":"acme","guaranteedDeliveryTime":"P30D"}""".formatted(DECRYPT_ALIAS),
                        201).get("renewalId").asText());
    }

    @Test
    void runsPlaybook4StartedFromTheCommandLineWithItsOwnKeyAlgorithmSubjectAndValidity() throws Exception {
        assertThat(renewalctl(2, "start", "--alias", INBOUND_DECRYPT_ALIAS, "--partner", "acme",
                "--guaranteed-delivery", "P30D", "--subject-dn", "initech")).contains("refused (400)")
                .contains("subjectDn");
        CertificateProvided provided = runDecryptionPlaybook(INBOUND_DECRYPT_ALIAS, "TENANT_DECRYPTS_INBOUND_REQUEST",
                PartnerRole.SENDER_ADMINISTRATOR, () -> renewalctl(0, "start", "--alias", INBOUND_DECRYPT_ALIAS,
                        "--partner", "acme", "--guaranteed-delivery", "P30D", "--purpose", "DECRYPT_INBOUND_REQUEST",
                        "--key-algorithm", "RSA_2048", "--subject-dn", "CN=" + INBOUND_DECRYPT_ALIAS
                                + ", OU=Integration, O=Tenant AG", "--validity-days", "120").trim());
        assertThat(provided.certificate().subject())
                .isEqualTo("CN=" + INBOUND_DECRYPT_ALIAS + ",OU=Integration,O=Tenant AG");
        assertThat(Duration.between(provided.certificate().notBefore(), provided.certificate().notAfter()))
                .isEqualTo(Duration.ofDays(120));

        // the new key decrypts what the sender encrypts to its certificate
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.ENCRYPT_MODE, parse(provided.certificate().pem()).getPublicKey());
        JsonNode decrypted = integrationFlow.post("/keystore/aliases/" + INBOUND_DECRYPT_ALIAS + "/decrypt",
                "{\"keyIdentifier\":{\"sha256\":\"" + provided.certificate().sha256().value() + "\"},\"ciphertext\":\""
                        + Base64.getEncoder().encodeToString(oaep.doFinal("session key".getBytes(
                        StandardCharsets.UTF_8))) + "\"}", 200);
        assertThat(Base64.getDecoder().decode(decrypted.get("plaintext").asText()))
                .isEqualTo("session key".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One renewal of a decryption key, from the request ({@code start} answers the renewal's id) to the removal of
     * the old key pair.
     *
     * @return the new key pair's certificate, as the keystore provided it
     */
    private CertificateProvided runDecryptionPlaybook(String alias, String playbook, PartnerRole partner,
                                                      Callable<String> start) throws Exception {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(renewals.get("/partners/acme").get("name")
                .asText()).as("the local stack's demo partner, registered at start").contains("ACME"));
        Map<String, X509Certificate> before = keystoreCertificates();
        X509Certificate seeded = before.get(alias);
        assertThat(seeded).as("the key pair the renewal renews").isNotNull();

        // Step 1: the tenant administrator starts the renewal
        String renewalId = start.call();
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/playbook").asText()).isEqualTo(playbook);

        // Steps 1-3: the keystore generates the key pair, keeps the old one beside it, the receiver gets the certificate
        CertificateProvided provided = (CertificateProvided) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided").get(2);
        PartnerNotification message = notification(renewalId, NotificationKind.CERTIFICATE_PROVIDED);
        Attachment pem = message.attachments().get(0);
        X509Certificate attached = parse(pem.content());
        assertThat(Fingerprint.sha256Of(attached.getEncoded())).isEqualTo(provided.certificate().sha256());
        assertThat(message.partnerId()).isEqualTo(new PartnerId("acme"));
        assertThat(provided.recipient()).isEqualTo(partner);
        assertThat(message.recipient()).isEqualTo(partner);
        assertThat(message.body()).contains("configure your " + (partner == PartnerRole.SENDER_ADMINISTRATOR
                ? "sender" : "receiver") + " system to encrypt the payloads it sends to the tenant");
        assertThat(message.body()).contains(provided.certificate().sha256().value()).contains(renewalId);

        Map<String, X509Certificate> during = keystoreCertificates();
        String retainedEntry = alias + ".retained." + seeded.getSerialNumber().toString(16);
        assertThat(during.get(alias)).as("the alias names the new key pair").isEqualTo(attached);
        assertThat(during.get(retainedEntry)).as("the old key pair is kept to decrypt").isEqualTo(seeded);
        assertThat(keystoreFile(alias).isKeyEntry(alias)).isTrue();
        assertThat(keystoreFile(alias).isKeyEntry(retainedEntry)).isTrue();

        // Steps 4-6: the receiver switches to the new certificate and confirms on the topic
        confirm(renewalId, ConfirmationType.SWITCHED_TO_NEW_KEY);
        PartnerSwitchedToNewKey switched = (PartnerSwitchedToNewKey) awaitEvents(renewalId, "RenewalStarted",
                "NewKeyPairCreated", "CertificateProvided", "PartnerSwitchedToNewKey").get(3);
        assertThat(Duration.between(switched.at(), switched.retainOldKeyUntil())).isEqualTo(Duration.ofDays(90));
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/awaiting").asText())
                .isEqualTo("OLD_KEY_PAIR_REMOVAL_DECIDED");

        // Step 7: one day before the deadline nothing is removed (both services keep their own time) ...
        advanceBothClocks("P89D");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events.bodies(renewalId)).hasSize(4));
        assertThat(keystoreCertificates()).containsKey(retainedEntry);

        // ... past it, the old key pair is removed and the renewal completes
        advanceBothClocks("P1DT1M");
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
        return provided;
    }

    /**
     * Issue 16's done-when: the clock moves toward the expiry of a partner's certificate the tenant verifies with; the
     * watch reports the tiers it reaches (60, 30, 14 days), and starts the renewal its policy asks for (20 days before
     * the expiry, in a daily window of an hour) once, only when the window is open; the scripted partner completes it,
     * and the watch follows the new certificate. The dry run of the same request, made before, planned the steps the
     * renewal then took, in order.
     */
    @Test
    void theWatchReportsTheTiersAndStartsTheRenewalOfItsPolicyOnceInsideItsWindowAndItCompletes() throws Exception {
        String alias = "acme-watched-verify";
        Instant start = renewals.now();
        KeyPair oldKeys = ecKeys();
        X509Certificate old = PARTNER_CA.issue("CN=" + alias + " old, O=ACME", oldKeys.getPublic(), start,
                start.plus(Duration.ofDays(70)));
        keystore.post("/keystore/aliases/" + alias + "/partner-certificates?activate=true", pem(old),
                "application/x-pem-file", 200);
        String oldSha256 = Fingerprint.sha256Of(old.getEncoded()).value();
        awaitWatch(alias, "CertificateWatched");
        // the window opens daily at the full hour three hours from now (UTC), for an hour
        int hour = start.atZone(java.time.ZoneOffset.UTC).plusHours(3).getHour();
        renewals.put("/policies/alias:" + alias, """
                {"purpose":"VERIFY_INBOUND_REQUEST","partnerId":"acme","guaranteedDeliveryTime":"P7D",\
                "startDaysBeforeExpiry":20,"windows":[{"cron":"0 0 %d * * *","duration":"PT1H","timeZone":"UTC"}]}"""
                .formatted(hour), 200);
        JsonNode plan = renewals.post("/renewals/dry-run", """
                {"alias":"%s","partnerId":"acme","guaranteedDeliveryTime":"P7D","purpose":"VERIFY_INBOUND_REQUEST"}"""
                .formatted(alias), 200);
        assertThat(plan.path("wouldStart").asBoolean()).as(plan.toString()).isTrue();
        JsonNode listed = aliasItem(alias);
        assertThat(listed.path("kind").asText()).isEqualTo("PARTNER_CERTIFICATE");
        assertThat(listed.at("/certificate/sha256").asText()).isEqualTo(oldSha256);
        assertThat(listed.path("policy").asText()).isEqualTo("alias:" + alias);
        assertThat(Instant.parse(listed.path("renewalStartsAt").asText()))
                .isEqualTo(old.getNotAfter().toInstant().minus(Duration.ofDays(20)));

        advanceBothClocks("P15D"); // 55 days left
        assertThat(tier(awaitWatch(alias, "CertificateWatched", "ExpiryTierReached").get(1))).isEqualTo(60);
        advanceBothClocks("P30D"); // 25 days left
        assertThat(tier(awaitWatch(alias, "CertificateWatched", "ExpiryTierReached", "ExpiryTierReached").get(2)))
                .isEqualTo(30);
        // 13 days left: past the policy's time, but the window is closed; the watch looked (it reports the tier)
        advanceBothClocks("P12D");
        assertThat(tier(awaitWatch(alias, "CertificateWatched", "ExpiryTierReached", "ExpiryTierReached",
                "ExpiryTierReached").get(3))).isEqualTo(14);
        assertThat(aliasItem(alias).path("openRenewal").isNull()).as("no renewal outside the window").isTrue();
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(notifications.bodies(alias))
                .extracting(body -> ContractJson.read(body, PartnerNotification.class).kind())
                .containsExactly(NotificationKind.CERTIFICATE_EXPIRING, NotificationKind.CERTIFICATE_EXPIRING,
                        NotificationKind.CERTIFICATE_EXPIRING));

        // into the window: its next opening, and a minute
        Instant now = renewals.now();
        Instant opening = now.atZone(java.time.ZoneOffset.UTC).withHour(hour).truncatedTo(
                java.time.temporal.ChronoUnit.HOURS).toInstant();
        opening = opening.isBefore(now) ? opening.plus(Duration.ofDays(1)) : opening;
        advanceBothClocks(Duration.between(now, opening).plusMinutes(1).toString());
        List<ConsumerRecord<String, String>> watched = awaitWatch(alias, "CertificateWatched", "ExpiryTierReached",
                "ExpiryTierReached", "ExpiryTierReached", "RenewalStartedByPolicy");
        String renewalId = ContractJson.read(watched.get(4).value(), AliasWatchEvent.class) instanceof
                RenewalStartedByPolicy started ? started.renewalId().value() : null;
        assertThat(renewalId).isNotNull();
        assertThat(aliasItem(alias).at("/openRenewal/startedByPolicy").asBoolean()).isTrue();

        // the scripted partner sends its new certificate and switches; past the retention the renewal completes
        awaitEvents(renewalId, "RenewalStarted", "PartnerCertificateRequested");
        KeyPair newKeys = ecKeys();
        X509Certificate renewed = PARTNER_CA.issue("CN=" + alias + " 2027, O=ACME", newKeys.getPublic(),
                renewals.now());
        partnerSystem.sendNewCertificate(renewalId, pem(renewed));
        awaitEvents(renewalId, "RenewalStarted", "PartnerCertificateRequested", "PartnerCertificateReceived",
                "PartnerCertificateImported");
        List<ConsumerRecord<String, String>> followed = awaitWatch(alias, "CertificateWatched", "ExpiryTierReached",
                "ExpiryTierReached", "ExpiryTierReached", "RenewalStartedByPolicy", "CertificateWatched");
        assertThat(followed.get(5).value()).contains(Fingerprint.sha256Of(renewed.getEncoded()).value());
        partnerSystem.confirm(renewalId, ConfirmationType.SWITCHED_TO_NEW_KEY);
        awaitEvents(renewalId, "RenewalStarted", "PartnerCertificateRequested", "PartnerCertificateReceived",
                "PartnerCertificateImported", "PartnerSwitchedToNewKey");
        advanceBothClocks("P91D");
        List<String> taken = awaitEvents(renewalId, "RenewalStarted", "PartnerCertificateRequested",
                "PartnerCertificateReceived", "PartnerCertificateImported", "PartnerSwitchedToNewKey",
                "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted").stream()
                .flatMap(event -> Milestones.recordedBy(event).stream()).map(Enum::name).toList();
        assertThat(StreamSupport.stream(plan.path("steps").spliterator(), false)
                .map(step -> step.path("step").asText()).toList())
                .as("the dry run planned the steps the renewal took, in order").isEqualTo(taken).isNotEmpty();
        assertThat(renewals.get("/renewals/" + renewalId).at("/renewal/state").asText()).isEqualTo("COMPLETED");
        JsonNode after = aliasItem(alias);
        assertThat(after.at("/lastRenewal/renewalId").asText()).isEqualTo(renewalId);
        assertThat(after.at("/lastRenewal/state").asText()).isEqualTo("COMPLETED");
        assertThat(after.path("tierReached").isNull()).as("the new certificate is far from its expiry").isTrue();
        assertThat(awaitWatch(alias, "CertificateWatched", "ExpiryTierReached", "ExpiryTierReached",
                "ExpiryTierReached", "RenewalStartedByPolicy", "CertificateWatched"))
                .as("one renewal for the old certificate, none for the new one yet").hasSize(6);
    }

    /** The watch's events of {@code alias} on {@code alias.watch.v1}, once they are of exactly these types. */
    private static List<ConsumerRecord<String, String>> awaitWatch(String alias, String... types) {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(watchEvents.records(alias))
                .extracting(record -> TopicReader.header(record, MessageHeaders.TYPE)).containsExactly(types));
        return watchEvents.records(alias);
    }

    private static int tier(ConsumerRecord<String, String> record) {
        return ((ExpiryTierReached) ContractJson.read(record.value(), AliasWatchEvent.class)).tierDays();
    }

    /** The alias as {@code GET /aliases} lists it. */
    private static JsonNode aliasItem(String alias) throws Exception {
        return StreamSupport.stream(renewals.get("/aliases?size=1000").spliterator(), false)
                .filter(item -> alias.equals(item.path("alias").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(alias + " is not in the inventory"));
    }

    /**
     * Last, over everything the tests above made the stack do: no private key is in any response they received (REST
     * and renewalctl), in any record on any topic (dead-letter topics included) or in the stack's log files. Looked
     * for: PEM {@code PRIVATE KEY} markers and the real private keys, read from the keystore's PKCS#12 files with the
     * local password as the tests went (keys removed at a retention deadline are known from before). The scan must
     * have read what the tests did: a scan that finds nothing because it read nothing fails.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPrivateKeyIsInAnyResponseRecordOrLogOfTheTestsAbove() throws Exception {
        assertThat(learnKeys()).as("the old and the new key pair of each seeded alias, at least")
                .isGreaterThanOrEqualTo(2 * SEEDED_ALIASES.size());
        // what the stack shows of every renewal, read once more for the scan
        JsonNode every = renewals.get("/renewals");
        assertThat(every).as("renewals, one or more per test above").hasSizeGreaterThanOrEqualTo(13);
        for (JsonNode renewal : every) {
            String renewalId = renewal.get("renewalId").asText();
            renewals.get("/renewals/" + renewalId);
            notificationService.get("/notifications?renewalId=" + renewalId);
        }
        renewals.getText("/audit/export");
        keystore.get("/keystore/entries");

        List<String> received = List.copyOf(responses);
        List<ConsumerRecord<String, String>> records = everyRecordOnEveryTopic();
        Set<String> topics = records.stream().map(ConsumerRecord::topic).collect(Collectors.toSet());
        List<String> findings = new ArrayList<>();
        List<String> shown = new ArrayList<>(received);
        for (String response : received) {
            findings.addAll(scanner.scan("response " + response.substring(0, Math.min(80, response.length())),
                    response));
        }
        for (ConsumerRecord<String, String> record : records) {
            String text = asSent(record);
            shown.add(text);
            findings.addAll(scanner.scan("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), text));
        }
        findings.addAll(scanner.scanFiles(stack.logDir()));
        System.out.printf("Scanned %d responses, %d records on %d topics and the log files in %s for %d private"
                + " keys%n", received.size(), records.size(), topics.size(), stack.logDir(), scanner.keyCount());

        // all the tests make some 250 responses and 300 records
        assertThat(received).as("responses received").hasSizeGreaterThanOrEqualTo(200)
                .anyMatch(response -> response.startsWith("renewalctl "));
        assertThat(records).as("records").hasSizeGreaterThanOrEqualTo(200);
        assertThat(topics).contains(Topics.RENEWAL_EVENTS, Topics.KEYSTORE_REPORTS, Topics.PARTNER_NOTIFICATIONS,
                Topics.PARTNER_CONFIRMATIONS, Topics.PARTNER_DIRECTORY);
        assertThat(expectedInTheScan).as("the certificate and the request of the CA-signed renewal").hasSize(2);
        for (String expected : expectedInTheScan) {
            assertThat(shown).as("the scan reads %s", expected).anyMatch(text -> text.contains(expected));
        }
        assertThat(shown).anyMatch(text -> text.contains("KeyPairRemoved"));
        for (StackService service : StackService.values()) {
            assertThat(stack.logFile(service)).isNotEmptyFile();
        }
        assertThat(findings).as("private key material outside the keystore").isEmpty();
    }

    private static int learnKeys() throws Exception {
        return scanner.learnKeystoreFolder(data.resolve("keystore-service").resolve("keystore"),
                LOCAL_KEYSTORE_PASSWORD);
    }

    /** Every record on every (non-internal) topic, dead-letter topics included, from its beginning to its end now. */
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

    /** The tenant proposes a window from a minute from now for an hour; the partner accepts it. */
    private static void agreeDowntime(String renewalId) throws Exception {
        Instant now = renewals.now();
        renewals.post("/renewals/" + renewalId + "/steps/downtime-proposed", """
                {"windowStart":"%s","windowEnd":"%s"}""".formatted(now.plusSeconds(60), now.plusSeconds(3660)), 200);
        confirm(renewalId, ConfirmationType.DOWNTIME_ACCEPTED);
    }

    /**
     * Moves the keystore's and the renewal's clocks by {@code duration} (ISO-8601): each keeps its own time. The keys
     * are learned first: a retention deadline passed removes old key pairs.
     */
    private static void advanceBothClocks(String duration) throws Exception {
        learnKeys();
        String body = "{\"duration\":\"" + duration + "\"}";
        keystore.post("/admin/clock/advance", body, 200);
        renewals.post("/admin/clock/advance", body, 200);
    }

    private static void takeStep(String renewalId, String step) throws Exception {
        renewals.post("/renewals/" + renewalId + "/steps/" + step, "", 200);
    }

    /**
     * Whether the alias's active partner certificate, or the named one, works with the partner's key pair: verifies
     * a signature the key pair made, or encrypts so that the key pair decrypts (real RSA-OAEP).
     */
    private static boolean works(boolean encrypt, String alias, KeyPair keys, String sha256) throws Exception {
        if (!encrypt) {
            return verifies(alias, keys, sha256);
        }
        byte[] plaintext = ("<soap:Body>order " + System.nanoTime() + "</soap:Body>").getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = Base64.getDecoder().decode(integrationFlow.post("/keystore/aliases/" + alias
                + "/encrypt", encryptRequest(sha256, plaintext), 200).get("ciphertext").asText());
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.DECRYPT_MODE, keys.getPrivate(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        try {
            return Arrays.equals(cipher.doFinal(ciphertext), plaintext);
        } catch (GeneralSecurityException encryptedToAnotherKey) {
            return false;
        }
    }

    private static String encryptRequest(String sha256, byte[] plaintext) {
        return """
                {"keyIdentifier":%s,"algorithm":"RSA-OAEP-256","plaintext":"%s"}"""
                .formatted(sha256 == null ? "null" : "{\"sha256\":\"" + sha256 + "\"}",
                        Base64.getEncoder().encodeToString(plaintext));
    }

    /** Whether the keystore verifies a signature the key pair made, with the alias's active or the named one. */
    private static boolean verifies(String alias, KeyPair keys, String sha256) throws Exception {
        return integrationFlow.post("/keystore/aliases/" + alias + "/verify", verifyRequest(keys, sha256), 200)
                .get("valid").asBoolean();
    }

    private static String verifyRequest(KeyPair keys, String sha256) throws Exception {
        byte[] payload = ("<soap:Envelope>order " + System.nanoTime() + "</soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(payload);
        return """
                {"keyIdentifier":%s,"algorithm":"SHA256withECDSA","payload":"%s","signature":"%s"}"""
                .formatted(sha256 == null ? "null" : "{\"sha256\":\"" + sha256 + "\"}",
                        Base64.getEncoder().encodeToString(payload),
                        Base64.getEncoder().encodeToString(signer.sign()));
    }

    private static KeyPair ecKeys() {
        return TestCa.newKeys("EC");
    }

    private static KeyPair rsaKeys(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
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

    /** Key, body and headers of a record, as a consumer receives them. */
    private static String asSent(ConsumerRecord<String, String> record) {
        StringBuilder sent = new StringBuilder().append(record.key()).append('\n').append(record.value());
        record.headers().forEach(header -> sent.append('\n').append(header.key()).append('=')
                .append(new String(header.value(), StandardCharsets.UTF_8)));
        return sent.toString();
    }

    /** Runs renewalctl as another user of the local profile. */
    private static String renewalctlAs(String user, String password, int expectedExitCode, String... arguments) {
        return renewalctl.as(user, password).run(expectedExitCode, arguments);
    }

    private static String start(String alias, String playbook, String approval) throws Exception {
        return renewals.post("/renewals", """
                {"alias":"%s","partnerId":"acme","guaranteedDeliveryTime":"P7D","playbook":"%s",
                 "exchangeApproval":"%s"}""".formatted(alias, playbook, approval), 201).get("renewalId").asText();
    }

    private static String activeKey(String alias) throws Exception {
        return keyInState(alias, "ACTIVE");
    }

    /** The SHA-256 of the alias's entry in {@code state}, or null if it has none. */
    private static String keyInState(String alias, String state) throws Exception {
        JsonNode entries = keystore.get("/keystore/entries");
        return StreamSupport.stream(entries.spliterator(), false)
                .filter(entry -> alias.equals(entry.get("alias").asText()))
                .filter(entry -> state.equals(entry.get("state").asText()))
                .map(entry -> entry.get("sha256").asText()).findFirst().orElse(null);
    }

    private static void confirm(String renewalId, ConfirmationType type) throws Exception {
        partnerSystem.confirm(renewalId, type);
    }

    private static String renewalctl(int expectedExitCode, String... arguments) {
        return renewalctl.run(expectedExitCode, arguments);
    }

    private static List<RenewalEvent> awaitEvents(String renewalId, String... types) {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(events.records(renewalId))
                .extracting(record -> TopicReader.header(record, MessageHeaders.TYPE)).containsExactly(types));
        return events.bodies(renewalId).stream().map(body -> ContractJson.read(body, RenewalEvent.class)).toList();
    }

    private static PartnerNotification notification(String renewalId, NotificationKind kind) {
        awaitNotification(renewalId, kind);
        return notifications.bodies(renewalId).stream().map(body -> ContractJson.read(body, PartnerNotification.class))
                .filter(notification -> notification.kind() == kind).findFirst().orElseThrow();
    }

    private static void awaitNotification(String renewalId, NotificationKind kind) {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(notifications.bodies(renewalId))
                .extracting(body -> ContractJson.read(body, PartnerNotification.class).kind()).contains(kind));
    }

    /** The keystore file of {@code alias}: keystore-service keeps one PKCS#12 file per alias. */
    private static KeyStore keystoreFile(String alias) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        Path aliasFile = data.resolve("keystore-service").resolve("keystore").resolve(alias + ".p12");
        try (InputStream file = Files.newInputStream(aliasFile)) {
            keystore.load(file, LOCAL_KEYSTORE_PASSWORD);
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
                keystore.load(file, LOCAL_KEYSTORE_PASSWORD);
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
