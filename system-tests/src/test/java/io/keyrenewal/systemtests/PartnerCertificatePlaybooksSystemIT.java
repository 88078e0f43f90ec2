package io.keyrenewal.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerConfirmationRejected;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.localstack.LocalStack;
import io.keyrenewal.localstack.LocalStackConfig;
import io.keyrenewal.localstack.StackService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Playbooks 6 and 7 (the tenant verifies the partner's signatures: inbound requests, outbound responses) over the whole
 * stack: the partner sends the certificate of its new key pair in a signed confirmation, the keystore imports it under
 * the alias with the old one kept beside it (both verify), the partner is told the fingerprint imported and switches,
 * and the old certificate is removed at the retention deadline. No key of the partner's ever reaches the system.
 */
class PartnerCertificatePlaybooksSystemIT {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static LocalStack stack;
    static ServiceApi renewals;
    static ServiceApi keystore;
    static ServiceApi integrationFlow;
    static TopicReader events;
    static TopicReader notifications;
    static PartnerSystem partnerSystem;
    static final TestCa PARTNER_CA = TestCa.root("CN=ACME partner CA, O=ACME");

    @BeforeAll
    static void startTheStack() {
        Path repository = Path.of(System.getProperty("keyrenewal.repository", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStackConfig.builder(repository).dataDir(data).randomFreePorts()
                .environment(StackService.RENEWAL_SERVICE, "KEYRENEWAL_DEADLINE_POLLING_INTERVAL", "PT0.5S")
                .quickStart() // C1 only: a few renewals start sooner than the full JIT pays off
                .build(), System.out);
        renewals = new ServiceApi(stack.baseUrl(StackService.RENEWAL_SERVICE));
        keystore = new ServiceApi(stack.baseUrl(StackService.KEYSTORE_SERVICE));
        integrationFlow = keystore.as("integration-flow", "integration-flow-local");
        events = new TopicReader(stack.bootstrapServers(), Topics.RENEWAL_EVENTS);
        notifications = new TopicReader(stack.bootstrapServers(), Topics.PARTNER_NOTIFICATIONS);
        partnerSystem = new PartnerSystem(stack);
    }

    @AfterAll
    static void stopTheStack() {
        if (partnerSystem != null) {
            partnerSystem.close();
            events.close();
            notifications.close();
        }
        if (stack != null) {
            stack.close();
        }
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

    private void renewPartnerCertificate(String alias, String purpose, String playbook, PartnerRole partner)
            throws Exception {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(renewals.get("/partners/acme").get("name")
                .asText()).as("the local stack's demo partner, registered at start").contains("ACME"));
        // the partner's certificate the tenant verifies with today
        KeyPair oldKeys = ecKeys();
        X509Certificate oldCertificate = PARTNER_CA.issue("CN=" + alias + " old, O=ACME", oldKeys.getPublic());
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

        // a certificate that fails the checks is rejected with the reason; the step stays awaited
        KeyPair weak = rsaKeys(1024);
        partnerSystem.sendNewCertificate(renewalId, pem(PARTNER_CA.issue("CN=" + alias + " weak", weak.getPublic())));
        PartnerConfirmationRejected rejected = (PartnerConfirmationRejected) awaitEvents(renewalId, "RenewalStarted",
                "PartnerCertificateRequested", "PartnerConfirmationRejected").get(2);
        assertThat(rejected.reason()).contains("an RSA key of 1024 bits: at least 2048 are required");

        // the partner's new key pair: only its certificate leaves the partner
        KeyPair newKeys = ecKeys();
        X509Certificate newCertificate = PARTNER_CA.issue("CN=" + alias + " 2027, O=ACME", newKeys.getPublic());
        String newSha256 = Fingerprint.sha256Of(newCertificate.getEncoded()).value();
        partnerSystem.sendNewCertificate(renewalId, pem(newCertificate));
        PartnerCertificateImported imported = (PartnerCertificateImported) awaitEvents(renewalId, "RenewalStarted",
                "PartnerCertificateRequested", "PartnerConfirmationRejected", "PartnerCertificateReceived",
                "PartnerCertificateImported").get(4);
        assertThat(imported.imported().sha256().value()).isEqualTo(newSha256);
        assertThat(imported.previous().sha256().value()).isEqualTo(oldSha256);
        assertThat(imported.awaitedConfirmation()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(notification(renewalId, NotificationKind.PARTNER_CERTIFICATE_IMPORTED).body()).contains(newSha256);

        // both verify while the partner switches: the new one as the alias's active certificate, the old one named
        assertThat(verifies(alias, newKeys, null)).isTrue();
        assertThat(verifies(alias, oldKeys, oldSha256)).isTrue();
        assertThat(verifies(alias, oldKeys, null)).as("the old key is no longer the active one").isFalse();

        partnerSystem.confirm(renewalId, ConfirmationType.SWITCHED_TO_NEW_KEY);
        PartnerSwitchedToNewKey switched = (PartnerSwitchedToNewKey) awaitEvents(renewalId, "RenewalStarted",
                "PartnerCertificateRequested", "PartnerConfirmationRejected", "PartnerCertificateReceived",
                "PartnerCertificateImported", "PartnerSwitchedToNewKey").get(5);
        assertThat(switched.retainOldKeyUntil()).isEqualTo(switched.at().plus(Duration.ofDays(90)));

        // past the retention (both services keep their own time), the old certificate is removed
        keystore.post("/admin/clock/advance", "{\"duration\":\"P91D\"}", 200);
        renewals.post("/admin/clock/advance", "{\"duration\":\"P91D\"}", 200);
        awaitEvents(renewalId, "RenewalStarted", "PartnerCertificateRequested", "PartnerConfirmationRejected",
                "PartnerCertificateReceived", "PartnerCertificateImported", "PartnerSwitchedToNewKey",
                "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
        assertThat(verifies(alias, newKeys, null)).isTrue();
        integrationFlow.post("/keystore/aliases/" + alias + "/verify", verifyRequest(oldKeys, oldSha256), 404);
        JsonNode detail = renewals.get("/renewals/" + renewalId);
        assertThat(detail.at("/renewal/state").asText()).isEqualTo("COMPLETED");
        assertThat(detail.at("/renewal/newCertificateSha256").asText()).isEqualTo(newSha256);
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

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    private static List<RenewalEvent> awaitEvents(String renewalId, String... types) {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(events.records(renewalId))
                .extracting(record -> TopicReader.header(record, MessageHeaders.TYPE)).containsExactly(types));
        return events.bodies(renewalId).stream().map(body -> ContractJson.read(body, RenewalEvent.class)).toList();
    }

    private static PartnerNotification notification(String renewalId, NotificationKind kind) {
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(notifications.bodies(renewalId))
                .extracting(body -> ContractJson.read(body, PartnerNotification.class).kind()).contains(kind));
        return notifications.bodies(renewalId).stream().map(body -> ContractJson.read(body, PartnerNotification.class))
                .filter(notification -> notification.kind() == kind).findFirst().orElseThrow();
    }
}
