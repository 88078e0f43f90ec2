package io.keyrenewal.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerChannels;
import io.keyrenewal.contracts.partner.PartnerContact;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.DrainConfirmed;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.notification.directory.ContactBook;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.keyrenewal.notification.TopicRecorder.header;
import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every channel a partner chose (Kafka, e-mail, a signed webhook) and the tenant administrator's e-mail: each message
 * delivered once over each, a failing webhook tried again, parked and alerted on.
 */
class DeliveryChannelsTest extends NotificationServiceContext {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant WINDOW_START = Instant.parse("2026-11-29T22:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-11-29T23:00:00Z");
    private static final CertificateRef NEW = CERTIFICATE.ref();

    private static final WebhookReceiver globexHook = new WebhookReceiver("globex-secret", 204);
    private static final WebhookReceiver initechHook = new WebhookReceiver("initech-secret", 200);
    private static final WebhookReceiver failingHook = new WebhookReceiver("failing-secret", 500);
    private static final WebhookReceiver latecomerHook = new WebhookReceiver("latecomer-secret", 204);

    @Autowired
    ContactBook contactBook;

    @AfterAll
    static void stopWebhooks() {
        globexHook.close();
        initechHook.close();
        failingHook.close();
        latecomerHook.close();
    }

    @Test
    void deliversEveryMessageOfTheDowntimePlaybookOnceOverKafkaEmailAndASignedWebhook() throws Exception {
        PartnerId globex = register("globex", "sender@globex.example", globexHook.url());
        publish.event("e1-" + renewalId, new RenewalStarted(renewalId, "signer", globex,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, Duration.ofDays(1), KeyAlgorithm.DEFAULT, AT));
        publish.event("e2-" + renewalId, provided(globex, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME));
        publish.event("e3-" + renewalId, new DowntimeProposed(renewalId, globex, WINDOW_START, WINDOW_END,
                "tenant-admin", AT));
        publish.event("e2-" + renewalId, provided(globex, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME));
        publish.event("e4-" + renewalId, new DowntimeAgreed(renewalId, globex, "g-1", WINDOW_START, WINDOW_END, AT));
        publish.event("e5-" + renewalId, new SenderStoppedSending(renewalId, globex, "g-2", WINDOW_START));
        publish.event("e6-" + renewalId, new SenderExchangedCertificate(renewalId, globex, "g-3", WINDOW_START));
        publish.event("e7-" + renewalId, new DrainConfirmed(renewalId, "tenant-admin", WINDOW_START));
        publish.event("e8-" + renewalId, new PartnerInformedOfExchange(renewalId, globex,
                PartnerRole.SENDER_ADMINISTRATOR, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, NEW,
                WINDOW_START));
        publish.event("e3-" + renewalId, new DowntimeProposed(renewalId, globex, WINDOW_START, WINDOW_END,
                "tenant-admin", AT));
        publish.event("e9-" + renewalId, new SenderResumedSending(renewalId, globex, "g-4", Duration.ofMinutes(20),
                WINDOW_START, WINDOW_END, WINDOW_END));
        publish.event("e10-" + renewalId, new RenewalCompleted(renewalId, "signer", globex, WINDOW_END));

        JsonNode log = awaitLog(renewalId, 24, "SENT");
        assertThat(log.findValuesAsText("channel")).containsOnly("kafka", "email", "webhook");
        assertThat(log.findValues("attempts")).allSatisfy(attempts -> assertThat(attempts.asInt()).isEqualTo(1));

        List<PartnerNotification> onKafka = awaitNotifications(renewalId, 8);
        assertThat(onKafka).extracting(PartnerNotification::kind).containsExactlyInAnyOrder(
                NotificationKind.CERTIFICATE_PROVIDED, NotificationKind.DOWNTIME_PROPOSED,
                NotificationKind.DOWNTIME_AGREED, NotificationKind.CONFIRMATION_RECEIVED,
                NotificationKind.CONFIRMATION_RECEIVED, NotificationKind.KEY_PAIR_EXCHANGED,
                NotificationKind.CONFIRMATION_RECEIVED, NotificationKind.RENEWAL_COMPLETED);
        assertThat(onKafka).extracting(PartnerNotification::notificationId).doesNotHaveDuplicates();

        List<MimeMessage> mails = mailsTo("sender@globex.example");
        assertThat(mails).hasSize(8);
        assertThat(mails).extracting(MimeMessage::getSubject).doesNotHaveDuplicates();
        MimeMessage certificateMail = mails.stream().filter(mail -> subjectOf(mail).startsWith("Action required: new "
                + "certificate")).findFirst().orElseThrow();
        List<Part> parts = leaves(certificateMail);
        assertThat(parts).anySatisfy(part -> assertThat(part.isMimeType("text/plain")).isTrue());
        assertThat(parts).anySatisfy(part -> {
            assertThat(part.isMimeType("text/html")).isTrue();
            assertThat((String) part.getContent()).contains("<code>" + CERTIFICATE.sha256().value() + "</code>");
        });
        assertThat(parts).anySatisfy(part -> {
            assertThat(part.getFileName()).isEqualTo("signer-" + CERTIFICATE.serialNumber() + ".pem");
            assertThat(content(part).replace("\r\n", "\n"))
                    .isEqualTo(CERTIFICATE.pem().replace("\r\n", "\n"));
        });
        assertThat(certificateMail.getFrom()[0].toString()).isEqualTo("keyrenewal@tenant.example");

        List<WebhookReceiver.Call> calls = globexHook.calls().stream()
                .filter(call -> call.body().contains(renewalId.value())).toList();
        assertThat(calls).hasSize(8);
        assertThat(calls).allSatisfy(call -> assertThat(call.validSignature()).isTrue());
        assertThat(calls).extracting(WebhookReceiver.Call::notificationId)
                .containsExactlyInAnyOrderElementsOf(onKafka.stream()
                        .map(PartnerNotification::notificationId).toList());
        assertThat(ContractJson.read(calls.get(0).body(), PartnerNotification.class).partnerId()).isEqualTo(globex);
    }

    @Test
    void remindsEscalatesRollsBackAndAbortsOverEveryChannelAndAlertsTheTenantAdministrator() throws Exception {
        PartnerId initech = register("initech", "sender@initech.example", initechHook.url());
        RenewalId aborted = new RenewalId(renewalId + "-aborted");
        publish.event("s-" + renewalId, new RenewalStarted(renewalId, "signer", initech,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, Duration.ofDays(1), KeyAlgorithm.DEFAULT, AT));
        publish.event("p-" + renewalId, provided(initech, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH));
        publish.event("o-" + renewalId, new PartnerStepOverdue(renewalId, initech, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.VERIFIES_BOTH, AT, AT.plusSeconds(3600)));
        publish.event("x-" + renewalId, new PartnerStepEscalated(renewalId, initech, ConfirmationType.VERIFIES_BOTH,
                AT, AT.plusSeconds(7200)));
        publish.event("v-" + renewalId, new PartnerVerifiesBoth(renewalId, initech, "i-1", AT.plusSeconds(8000)));
        publish.event("i-" + renewalId, new PartnerInformedOfExchange(renewalId, initech,
                PartnerRole.SENDER_ADMINISTRATOR, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, NEW,
                AT.plusSeconds(9000)));
        publish.event("r-" + renewalId, new KeyPairRolledBack(renewalId, "signer", initech,
                PartnerRole.SENDER_ADMINISTRATOR, NEW, AT.plusSeconds(9500)));
        publish.event("s-" + aborted, new RenewalStarted(aborted, "signer2", initech,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, Duration.ofDays(1), KeyAlgorithm.DEFAULT, AT));
        publish.event("d-" + aborted, new DowntimeOverrun(aborted, initech, WINDOW_END, WINDOW_END.plusSeconds(60)));
        publish.event("a-" + aborted, new RenewalAborted(aborted, "signer2", initech, "the partner is not ready",
                "tenant-admin", null, WINDOW_END.plusSeconds(120)));

        awaitLog(renewalId, 17, "SENT");
        awaitLog(aborted, 5, "SENT");
        List<PartnerNotification> onKafka = new ArrayList<>(awaitNotifications(renewalId, 6));
        onKafka.addAll(awaitNotifications(aborted, 2));
        assertThat(onKafka).extracting(PartnerNotification::kind).containsExactlyInAnyOrder(
                NotificationKind.CERTIFICATE_PROVIDED, NotificationKind.STEP_OVERDUE, NotificationKind.STEP_ESCALATED,
                NotificationKind.CONFIRMATION_RECEIVED, NotificationKind.KEY_PAIR_EXCHANGED,
                NotificationKind.RENEWAL_ROLLED_BACK, NotificationKind.DOWNTIME_OVERRUN,
                NotificationKind.RENEWAL_ABORTED);
        assertThat(onKafka).filteredOn(told -> told.recipient() == PartnerRole.TENANT_ADMINISTRATOR)
                .extracting(PartnerNotification::kind)
                .containsExactlyInAnyOrder(NotificationKind.STEP_ESCALATED, NotificationKind.DOWNTIME_OVERRUN);
        assertThat(onKafka).filteredOn(told -> told.kind() == NotificationKind.STEP_OVERDUE).singleElement()
                .satisfies(told -> assertThat(told.expectedConfirmation().type())
                        .isEqualTo(ConfirmationType.VERIFIES_BOTH));

        assertThat(mailsTo("sender@initech.example")).hasSize(6);
        assertThat(mailsTo(TENANT_EMAIL)).extracting(NotificationServiceContext::subjectOf)
                .filteredOn(subject -> subject.contains(renewalId.value()))
                .containsExactlyInAnyOrder(
                        "Escalation: partner initech has not confirmed its step for alias signer (renewal "
                                + renewalId + ")",
                        "Alert: downtime window overrun with partner initech for alias signer2 (renewal "
                                + aborted + ")");
        assertThat(initechHook.calls()).filteredOn(call -> call.body().contains(renewalId.value()))
                .hasSize(6).allSatisfy(call -> assertThat(call.validSignature()).isTrue());
    }

    @Test
    void sendsAnEventDeliveredAgainNowhereNewAfterThePartnerAddedAChannel() throws Exception {
        PartnerId latecomer = new PartnerId("latecomer");
        List<PartnerContact> contacts = List.of(new PartnerContact(PartnerRole.RECEIVER_ADMINISTRATOR, "Rita", null));
        publish.directoryEntry(new PartnerDirectoryEntry(latecomer, "Latecomer", contacts,
                new PartnerChannels(true, false, null), false, Instant.parse("2026-11-01T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactBook.find(latecomer).isPresent());
        Playbook playbook = Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE;
        publish.event("s-" + renewalId, new RenewalStarted(renewalId, "decryptor", latecomer, playbook,
                Duration.ofDays(1), KeyAlgorithm.DEFAULT, AT));
        publish.event("p-" + renewalId, provided(latecomer, playbook));
        awaitLog(renewalId, 1, "SENT");

        publish.directoryEntry(new PartnerDirectoryEntry(latecomer, "Latecomer", contacts,
                new PartnerChannels(true, false, latecomerHook.url()), false, Instant.parse("2026-11-02T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactBook.find(latecomer)
                .map(entry -> entry.channels().webhookUrl() != null).orElse(false));
        publish.event("p-" + renewalId, provided(latecomer, playbook));
        publish.event("w-" + renewalId, new PartnerSwitchedToNewKey(renewalId, latecomer, "l-1",
                AT.plus(Duration.ofDays(90)), AT));

        JsonNode log = awaitLog(renewalId, 3, "SENT");
        assertThat(find(log, "w-" + renewalId + ":RECEIVER_ADMINISTRATOR", "webhook").path("status").asText())
                .isEqualTo("SENT");
        assertThat(latecomerHook.calls()).extracting(WebhookReceiver.Call::notificationId)
                .containsExactly("w-" + renewalId + ":RECEIVER_ADMINISTRATOR");
    }

    @Test
    void retriesAFailingWebhookWithBackoffThenParksItDeadLettersItAndAlertsTheTenant() throws Exception {
        PartnerId failing = new PartnerId("failing");
        publish.directoryEntry(new PartnerDirectoryEntry(failing, "Failing Corp",
                List.of(new PartnerContact(PartnerRole.RECEIVER_ADMINISTRATOR, "Rita Receiver", null)),
                new PartnerChannels(true, false, failingHook.url()), false, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactBook.find(failing).isPresent());
        publish.event("s-" + renewalId, new RenewalStarted(renewalId, "decryptor", failing,
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(1), KeyAlgorithm.DEFAULT, AT));
        publish.event("p-" + renewalId, provided(failing, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE));
        String notificationId = "p-" + renewalId + ":RECEIVER_ADMINISTRATOR";

        ConsumerRecord<String, String> deadLetter = published.awaitFirst(
                Topics.deadLetter(Topics.PARTNER_NOTIFICATIONS), withHeader(MessageHeaders.SUBJECT, renewalId.value()));
        assertThat(deadLetter.key()).isEqualTo("failing");
        assertThat(ContractJson.read(deadLetter.value(), PartnerNotification.class).notificationId())
                .isEqualTo(notificationId);
        assertThat(header(deadLetter, MessageHeaders.DEAD_LETTER_REASON))
                .isEqualTo("webhook delivery failed 3 times, last: the webhook of partner failing answered HTTP 500");
        assertThat(header(deadLetter, MessageHeaders.DEAD_LETTER_REASON)).doesNotContain("failing-secret");

        List<WebhookReceiver.Call> calls = failingHook.calls().stream()
                .filter(call -> notificationId.equals(call.notificationId())).toList();
        assertThat(calls).hasSize(3).allSatisfy(call -> assertThat(call.validSignature()).isTrue());
        assertThat(Duration.between(calls.get(0).arrivedAt(), calls.get(1).arrivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(calls.get(1).arrivedAt(), calls.get(2).arrivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));

        JsonNode log = await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> api.deliveryLog(renewalId),
                        rows -> rows.size() == 4 && countOf(rows, "PARKED") == 1 && countOf(rows, "SENT") == 3);
        JsonNode parked = find(log, notificationId, "webhook");
        assertThat(parked.path("attempts").asInt()).isEqualTo(3);
        assertThat(parked.path("lastError").asText()).contains("answered HTTP 500");
        assertThat(find(log, notificationId, "kafka").path("status").asText()).isEqualTo("SENT");

        PartnerNotification alert = awaitNotifications(renewalId, 2).stream()
                .filter(told -> told.recipient() == PartnerRole.TENANT_ADMINISTRATOR).findFirst().orElseThrow();
        assertThat(alert.causationId()).isEqualTo(notificationId);
        assertThat(alert.subject()).isEqualTo("Alert: a message to partner failing could not be delivered over "
                + "webhook (renewal " + renewalId + ")");
        assertThat(alert.body()).contains("3 attempts failed").contains("partner.notifications.v1.dlt");
        assertThat(mailsTo(TENANT_EMAIL)).extracting(NotificationServiceContext::subjectOf)
                .contains(alert.subject());
    }

    private PartnerId register(String id, String senderEmail, String webhookUrl) {
        PartnerId partnerId = new PartnerId(id);
        publish.directoryEntry(new PartnerDirectoryEntry(partnerId, id + " Inc.",
                List.of(new PartnerContact(PartnerRole.SENDER_ADMINISTRATOR, "Sam Sender", senderEmail),
                        new PartnerContact(PartnerRole.RECEIVER_ADMINISTRATOR, "Rita Receiver", "rita@" + id)),
                new PartnerChannels(true, true, webhookUrl), false, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactBook.find(partnerId).isPresent());
        return partnerId;
    }

    private CertificateProvided provided(PartnerId partnerId, Playbook playbook) {
        boolean decrypts = playbook == Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE;
        return new CertificateProvided(renewalId, decrypts ? "decryptor" : "signer", partnerId,
                decrypts ? PartnerRole.RECEIVER_ADMINISTRATOR : PartnerRole.SENDER_ADMINISTRATOR, playbook,
                CERTIFICATE, AT);
    }

    private JsonNode awaitLog(RenewalId renewal, int rows, String status) {
        return await().atMost(Duration.ofSeconds(45)).pollInSameThread().until(() -> api.deliveryLog(renewal),
                log -> log.size() == rows && countOf(log, status) == rows);
    }

    private static long countOf(JsonNode log, String status) {
        return log.findValuesAsText("status").stream().filter(status::equals).count();
    }

    private static JsonNode find(JsonNode log, String notificationId, String channel) {
        for (JsonNode row : log) {
            if (row.path("notificationId").asText().equals(notificationId)
                    && row.path("channel").asText().equals(channel)) {
                return row;
            }
        }
        throw new AssertionError("no " + channel + " delivery of " + notificationId + " in " + log);
    }

    private List<PartnerNotification> awaitNotifications(RenewalId renewal, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> notificationsOf(renewal), told -> told.size() >= count);
    }

    private List<PartnerNotification> notificationsOf(RenewalId renewal) {
        return published.on(Topics.PARTNER_NOTIFICATIONS, withHeader(MessageHeaders.SUBJECT, renewal.value()))
                .stream()
                .map(record -> ContractJson.read(record.value(), PartnerNotification.class))
                .toList();
    }

    private List<MimeMessage> mailsTo(String address) {
        return mailsTo(address, renewalId.value());
    }

    private static List<Part> leaves(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            List<Part> leaves = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                leaves.addAll(leaves(child));
            }
            return leaves;
        }
        return List.of(part);
    }

    private static String content(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        try (InputStream in = (InputStream) content) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
