package io.keyrenewal.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /notifications/preview} renders the messages of real dry-run plans (renewal-service's answers) as the
 * listener renders them for the events of a real renewal of that request, what only the real renewal will know marked
 * by placeholders, and stores, queues and sends nothing.
 */
class PlanPreviewTest extends NotificationServiceContext {

    private static final String DRY_RUN = "(dry run)";
    private static final String CONFIRMATION_ID = "<your confirmationId>";
    private static final Instant RETENTION_END = Instant.parse("2027-02-20T10:00:00Z");
    private static final Instant RESPOND_BY = STARTED_AT.plus(Duration.ofHours(72));
    /** The tenant's new certificate in the real renewal; issued by a CA, so that its subject and issuer differ. */
    private static final CertificateInfo SIGNER = TestCertificates.signer();
    /**
     * Parts of the preview's sentinels, the values it renders with where the plan cannot know one: none may be left in
     * a message.
     */
    private static final List<String> SENTINEL_TRACES = List.of("dry-run-sentinel", "deadbeef", "0ddba110",
            "feedface", "cafebabe", "d7a0000", "2999-", "PT9999H", "a2V5cmVuZXdhbCBkcnkgcnVu");

    @Autowired
    JdbcClient jdbc;

    @Test
    void rendersTheMessagesOfPlaybookOneAsTheRenewalsEventsYieldThemTheNewCertificateMarked() throws Exception {
        String alias = "preview-" + partnerId.value();
        JsonNode previewed = preview("dry-run-playbook-1.json", alias);

        assertThat(previewed.findValuesAsText("event")).containsExactly("CertificateProvided", "PartnerVerifiesBoth",
                "PartnerStepOverdue", "PartnerStepEscalated", "PartnerInformedOfExchange",
                "PartnerRemovedOldCertificate", "PartnerStepOverdue", "PartnerStepEscalated", "RenewalCompleted");
        assertThat(previewed).allSatisfy(message -> {
            assertThat(message.path("text").isTextual()).as(message.toString()).isTrue();
            assertThat(message.has("reason")).as("a rendered message has no reason").isFalse();
        });
        assertThat(names(previewed.get(0).path("placeholders"))).containsExactly(
                "<SHA-256 of the new certificate: known once the keystore made it>",
                "<serial number of the new certificate: known once the keystore made it>",
                "<subject of the new certificate: known once the keystore made it>",
                "<issuer of the new certificate: known once the keystore made it>",
                "<start of the new certificate's validity: known once the keystore made it>",
                "<end of the new certificate's validity: known once the keystore made it>");
        assertThat(previewed.get(0).path("placeholders").get(0).path("meaning").asText())
                .contains("SHA-256 fingerprint of the tenant's new certificate");
        assertThat(previewed.get(0).path("attachments")).hasSize(1);
        assertThat(previewed.get(0).at("/attachments/0/name").asText())
                .isEqualTo(alias + "-<serial number of the new certificate: known once the keystore made it>.pem");
        assertThat(previewed.get(0).at("/attachments/0/placeholder").asBoolean()).isTrue();
        assertThat(names(previewed.get(1).path("placeholders"))).containsExactly(CONFIRMATION_ID);
        assertThat(previewed.get(2).path("placeholders")).isEmpty();
        assertNothingStoredQueuedOrSent();

        // the same renewal for real: its events as the plan dates them, through the listener
        Playbook playbook = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
        started(alias, Playbooks.of(playbook));
        publish.event("provided-" + renewalId, new CertificateProvided(renewalId, alias, partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook, SIGNER, STARTED_AT, RESPOND_BY,
                ConfirmationType.VERIFIES_BOTH, Playbooks.of(playbook).certificateUse()));
        publish.event("verified-" + renewalId, new PartnerVerifiesBoth(renewalId, partnerId, CONFIRMATION_ID,
                STARTED_AT));
        publish.event("overdue-" + renewalId, new PartnerStepOverdue(renewalId, partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, ConfirmationType.VERIFIES_BOTH, STARTED_AT, RESPOND_BY));
        publish.event("escalated-" + renewalId, new PartnerStepEscalated(renewalId, partnerId,
                ConfirmationType.VERIFIES_BOTH, STARTED_AT, STARTED_AT.plus(Duration.ofHours(144))));
        publish.event("exchanged-" + renewalId, new PartnerInformedOfExchange(renewalId, partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook, SIGNER.ref(), STARTED_AT, RESPOND_BY,
                ConfirmationType.OLD_CERTIFICATE_REMOVED));
        publish.event("removed-" + renewalId, new PartnerRemovedOldCertificate(renewalId, partnerId, CONFIRMATION_ID,
                STARTED_AT));
        publish.event("completed-" + renewalId, new RenewalCompleted(renewalId, alias, partnerId, RETENTION_END));

        Map<String, String> newCertificate = Map.of(
                SIGNER.sha256().value(), "<SHA-256 of the new certificate: known once the keystore made it>",
                SIGNER.serialNumber(), "<serial number of the new certificate: known once the keystore made it>",
                SIGNER.subject(), "<subject of the new certificate: known once the keystore made it>",
                SIGNER.issuer(), "<issuer of the new certificate: known once the keystore made it>",
                SIGNER.notBefore().toString(),
                "<start of the new certificate's validity: known once the keystore made it>",
                SIGNER.notAfter().toString(),
                "<end of the new certificate's validity: known once the keystore made it>");
        PartnerNotification provided = receivedBy("provided-", PartnerRole.SENDER_ADMINISTRATOR);
        assertSameAsSent(previewed.get(0), provided, newCertificate);
        assertThat(previewed.get(0).at("/attachments/0/name").asText())
                .isEqualTo(marked(provided.attachments().get(0).fileName(), newCertificate));
        assertSameAsSent(previewed.get(1), receivedBy("verified-", PartnerRole.SENDER_ADMINISTRATOR), Map.of());
        assertSameAsSent(previewed.get(2), receivedBy("overdue-", PartnerRole.SENDER_ADMINISTRATOR), Map.of());
        assertSameAsSent(previewed.get(3), receivedBy("escalated-", PartnerRole.TENANT_ADMINISTRATOR), Map.of());
        assertSameAsSent(previewed.get(4), receivedBy("exchanged-", PartnerRole.SENDER_ADMINISTRATOR),
                newCertificate);
        assertSameAsSent(previewed.get(5), receivedBy("removed-", PartnerRole.SENDER_ADMINISTRATOR), Map.of());
        assertSameAsSent(previewed.get(8), receivedBy("completed-", PartnerRole.SENDER_ADMINISTRATOR), Map.of());
        assertNothingStoredQueuedOrSent();
    }

    @Test
    void rendersTheRenewalOfThePartnersCertificateWithThePlansDatesAndTheCertificatesMarked() throws Exception {
        String alias = "preview-" + partnerId.value();
        JsonNode previewed = preview("dry-run-playbook-6.json", alias);

        assertThat(previewed.findValuesAsText("event")).containsExactly("PartnerCertificateRequested",
                "PartnerCertificateReceived", "PartnerStepOverdue", "PartnerStepEscalated",
                "PartnerCertificateImported", "PartnerSwitchedToNewKey", "PartnerStepOverdue", "PartnerStepEscalated",
                "RenewalCompleted");
        assertThat(previewed.get(0).path("text").asText()).contains("Respond by 2026-11-25T10:00:00Z")
                .contains("\"renewalId\":\"(dry run)\"");
        assertThat(names(previewed.get(4).path("placeholders"))).containsExactly(
                "<SHA-256 of your new certificate: known once you sent it>",
                "<serial number of your new certificate: known once you sent it>",
                "<issuer of your new certificate: known once you sent it>",
                "<SHA-256 of your current certificate>", "<serial number of your current certificate>",
                "<issuer of your current certificate>");
        assertNothingStoredQueuedOrSent();

        PlaybookDefinition playbook = Playbooks.of(Playbook.TENANT_VERIFIES_INBOUND_REQUEST);
        CertificateInfo previous = CERTIFICATE;
        started(alias, playbook);
        publish.event("requested-" + renewalId, new PartnerCertificateRequested(renewalId, alias, partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook.playbook(), STARTED_AT, RESPOND_BY,
                ConfirmationType.NEW_CERTIFICATE, playbook.partnerCertificateUse()));
        publish.event("received-" + renewalId, new PartnerCertificateReceived(renewalId, alias, partnerId,
                CONFIRMATION_ID, SIGNER, STARTED_AT, playbook.partnerCertificateUse()));
        publish.event("imported-" + renewalId, new PartnerCertificateImported(renewalId, alias, partnerId,
                PartnerRole.SENDER_ADMINISTRATOR, playbook.playbook(), SIGNER.ref(), previous.ref(), STARTED_AT,
                RESPOND_BY, ConfirmationType.SWITCHED_TO_NEW_KEY, playbook.partnerCertificateUse(), null));
        publish.event("switched-" + renewalId, new PartnerSwitchedToNewKey(renewalId, partnerId, CONFIRMATION_ID,
                RETENTION_END, STARTED_AT));
        publish.event("completed-" + renewalId, new RenewalCompleted(renewalId, alias, partnerId, RETENTION_END));

        Map<String, String> certificates = Map.of(
                SIGNER.sha256().value(), "<SHA-256 of your new certificate: known once you sent it>",
                SIGNER.serialNumber(), "<serial number of your new certificate: known once you sent it>",
                SIGNER.subject(), "<subject of your new certificate: known once you sent it>",
                SIGNER.issuer(), "<issuer of your new certificate: known once you sent it>",
                previous.sha256().value(), "<SHA-256 of your current certificate>",
                previous.serialNumber(), "<serial number of your current certificate>",
                previous.issuer(), "<issuer of your current certificate>");
        assertSameAsSent(previewed.get(0), receivedBy("requested-", PartnerRole.SENDER_ADMINISTRATOR), Map.of());
        assertSameAsSent(previewed.get(1), receivedBy("received-", PartnerRole.SENDER_ADMINISTRATOR), certificates);
        assertSameAsSent(previewed.get(4), receivedBy("imported-", PartnerRole.SENDER_ADMINISTRATOR), certificates);
        assertSameAsSent(previewed.get(5), receivedBy("switched-", PartnerRole.SENDER_ADMINISTRATOR), Map.of());
        assertSameAsSent(previewed.get(8), receivedBy("completed-", PartnerRole.SENDER_ADMINISTRATOR), Map.of());
        assertNothingStoredQueuedOrSent();
    }

    @Test
    void rendersTheDowntimeOfPlaybookTwelveWithTheWindowAndWhoActsMarked() throws Exception {
        String alias = "preview-" + partnerId.value();
        JsonNode previewed = preview("dry-run-playbook-12.json", alias);
        JsonNode proposed = first(previewed, "DowntimeProposed");
        JsonNode agreed = first(previewed, "DowntimeAgreed");
        JsonNode undeployed = first(previewed, "IntegrationFlowUndeployed");

        assertThat(names(proposed.path("placeholders"))).containsExactly(
                "<the downtime window the tenant proposes: start>", "<the downtime window the tenant proposes: end>",
                "<the tenant's user who proposes the window>");
        assertThat(names(undeployed.path("placeholders")))
                .containsExactly("<the integration developer who records the step>");

        PlaybookDefinition playbook = Playbooks.of(Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME);
        Instant windowStart = Instant.parse("2026-12-01T22:00:00Z");
        Instant windowEnd = Instant.parse("2026-12-02T02:00:00Z");
        String proposer = "proposer-" + partnerId.value();
        String developer = "developer-" + partnerId.value();
        started(alias, playbook);
        publish.event("proposed-" + renewalId, new DowntimeProposed(renewalId, partnerId, windowStart, windowEnd,
                proposer, STARTED_AT, RESPOND_BY));
        publish.event("agreed-" + renewalId, new DowntimeAgreed(renewalId, partnerId, CONFIRMATION_ID, windowStart,
                windowEnd, STARTED_AT, null, null));
        publish.event("undeployed-" + renewalId, new IntegrationFlowUndeployed(renewalId, partnerId, developer,
                STARTED_AT));

        Map<String, String> downtime = Map.of(
                windowStart.toString(), "<the downtime window the tenant proposes: start>",
                windowEnd.toString(), "<the downtime window the tenant proposes: end>",
                proposer, "<the tenant's user who proposes the window>",
                developer, "<the integration developer who records the step>");
        assertSameAsSent(proposed, receivedBy("proposed-", PartnerRole.RECEIVER_ADMINISTRATOR), downtime);
        assertSameAsSent(agreed, receivedBy("agreed-", PartnerRole.RECEIVER_ADMINISTRATOR), downtime);
        assertSameAsSent(undeployed, receivedBy("undeployed-", PartnerRole.RECEIVER_ADMINISTRATOR), downtime);
        assertNothingStoredQueuedOrSent();
    }

    @Test
    void rendersEveryPlannedMessageOfEveryPlaybookAndLeavesNoSentinelInAny() throws Exception {
        String alias = "preview-" + partnerId.value();
        Map<Integer, JsonNode> previews = new TreeMap<>();
        for (PlaybookDefinition playbook : Playbooks.all()) {
            String plan = "dry-run-playbook-" + playbook.number() + ".json";
            assertThat(ContractJson.mapper().readTree(resource(plan)).at("/playbook/playbook").asText())
                    .as(plan).isEqualTo(playbook.playbook().name());
            previews.put(playbook.number(), preview(plan, alias));
        }
        Set<String> everyPlaceholder = new HashSet<>();
        previews.values().forEach(previewed -> previewed.forEach(message ->
                everyPlaceholder.addAll(names(message.path("placeholders")))));

        previews.forEach((number, previewed) -> {
            assertThat(previewed).as("playbook %d", number).isNotEmpty();
            for (JsonNode message : previewed) {
                String description = "playbook " + number + ": " + message;
                assertThat(message.path("subject").isTextual()).as(description).isTrue();
                assertThat(message.path("text").isTextual()).as(description).isTrue();
                assertThat(message.has("reason")).as(description).isFalse();
                String shown = message.path("subject").asText() + "\n" + message.path("text").asText() + "\n"
                        + String.join("\n", message.path("attachments").findValuesAsText("name"));
                assertThat(SENTINEL_TRACES).as(description).noneMatch(shown::contains);
                assertThat(names(message.path("placeholders"))).as(description)
                        .containsExactlyInAnyOrderElementsOf(everyPlaceholder.stream().filter(shown::contains)
                                .toList());
            }
        });
        assertThat(everyPlaceholder).contains("<the downtime window the tenant proposes: start>",
                "<the actual downtime: from the sender's stop to its resume>",
                "<SHA-256 of your new certificate: known once you sent it>",
                "<SHA-256 of the new certificate: known once the keystore made it>",
                "<the integration developer who records the step>");
        assertNothingStoredQueuedOrSent();
    }

    @Test
    void refusesAPlanOfAPlaybookItDoesNotKnow() throws Exception {
        HttpResponse<String> response = api.post("/notifications/preview", """
                {"alias":"a","partner":{"partnerId":"acme"},"playbook":{"playbook":"TENANT_SIGNS_NOTHING"},
                 "steps":[{"step":"COMPLETED","event":"RenewalCompleted","earliestAt":"2026-11-22T10:00:00Z",
                 "tells":[{"event":"RenewalCompleted","recipient":"SENDER_ADMINISTRATOR","kind":"RENEWAL_COMPLETED"}]}]}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ContractJson.mapper().readTree(response.body()).path("detail").asText())
                .contains("TENANT_SIGNS_NOTHING");
    }

    /** The real renewal of {@code playbook} starts, as the plan's request would start it. */
    private void started(String alias, PlaybookDefinition playbook) {
        publish.event("started-" + renewalId, new RenewalStarted(renewalId, alias, partnerId, playbook.playbook(),
                Duration.ZERO, KeyAlgorithm.DEFAULT, STARTED_AT, ExchangeApproval.TENANT_APPROVES, null, null,
                CertificateSource.DEFAULT, playbook.newKeyPair(), 1, playbook.partnerRole(),
                playbook.partnerCertificateUse()));
    }

    /** The plan of the resource, for this test's alias and partner, previewed. */
    private JsonNode preview(String plan, String alias) throws IOException, InterruptedException {
        String body = resource(plan).replaceAll("\"alias\":\"[^\"]*\"", "\"alias\":\"" + alias + "\"")
                .replace("\"partnerId\":\"acme\"", "\"partnerId\":\"" + partnerId.value() + "\"");
        HttpResponse<String> response = api.post("/notifications/preview", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }

    private String resource(String plan) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/preview/" + plan)) {
            assertThat(in).as("the plan " + plan + " in src/test/resources/preview").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode first(JsonNode previewed, String event) {
        for (JsonNode message : previewed) {
            if (message.path("event").asText().equals(event)) {
                return message;
            }
        }
        throw new AssertionError("no message after " + event + " in " + previewed);
    }

    private static List<String> names(JsonNode placeholders) {
        return placeholders.findValuesAsText("name");
    }

    /**
     * The preview's subject and text are the real message's, but for the renewal id and, where the real event carries
     * what the plan cannot know, the placeholders for the real values; it lists those placeholders.
     */
    private void assertSameAsSent(JsonNode previewed, PartnerNotification sent, Map<String, String> placeholders) {
        assertThat(previewed.path("recipient").asText()).isEqualTo(sent.recipient().name());
        assertThat(previewed.path("kind").asText()).isEqualTo(sent.kind().name());
        String subject = marked(sent.subject(), placeholders);
        String text = marked(sent.body(), placeholders);
        assertThat(previewed.path("subject").asText()).isEqualTo(subject);
        assertThat(previewed.path("text").asText()).isEqualTo(text);
        assertThat(names(previewed.path("placeholders"))).as("the placeholders it has")
                .containsAll(placeholders.values().stream()
                        .filter(placeholder -> subject.contains(placeholder) || text.contains(placeholder)).toList());
        assertThat(previewed.path("attachments").findValuesAsText("name"))
                .hasSize(sent.attachments().size());
    }

    private String marked(String real, Map<String, String> placeholders) {
        String marked = real.replace(renewalId.value(), DRY_RUN);
        for (Map.Entry<String, String> value : placeholders.entrySet()) {
            marked = marked.replace(value.getKey(), value.getValue());
        }
        return marked;
    }

    /**
     * No row of the preview's renewal in the service's tables; on its topic no message of it, nor one to this test's
     * partner but of the real renewal.
     */
    private void assertNothingStoredQueuedOrSent() {
        assertThat(count("SELECT COUNT(*) FROM known_renewal WHERE renewal_id = ?", DRY_RUN)).isZero();
        assertThat(count("SELECT COUNT(*) FROM partner_message WHERE renewal_id = ?", DRY_RUN)).isZero();
        assertThat(count("SELECT COUNT(*) FROM notification_delivery WHERE renewal_id = ?", DRY_RUN)).isZero();
        assertThat(published.on(Topics.PARTNER_NOTIFICATIONS, record -> record.value().contains(DRY_RUN)
                || record.value().contains(partnerId.value()) && !record.value().contains(renewalId.value())))
                .isEmpty();
    }

    private long count(String sql, String renewal) {
        return jdbc.sql(sql).param(renewal).query(Long.class).single();
    }
}
