package io.keyrenewal.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.watch.CertificateExpiredUnrenewed;
import io.keyrenewal.contracts.watch.CertificateWatched;
import io.keyrenewal.contracts.watch.ExpiryTierReached;
import io.keyrenewal.contracts.watch.RenewalByPolicyNotStarted;
import io.keyrenewal.contracts.watch.RenewalStartedByPolicy;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.keyrenewal.notification.TopicRecorder.header;
import static io.keyrenewal.notification.TopicRecorder.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The expiry watch's events on {@code alias.watch.v1}, as renewal-service publishes them, become messages to the
 * tenant administrator about the alias: on {@code partner.notifications.v1} and by e-mail.
 */
class ExpiryWatchMessagesTest extends NotificationServiceContext {

    private static final Instant NOT_AFTER = Instant.parse("2027-01-31T12:00:00Z");
    private static final Instant AT = NOT_AFTER.minus(Duration.ofDays(30)).minusSeconds(3600);
    private static final Fingerprint SHA256 = CERTIFICATE.sha256();
    private static final String SUBJECT = CERTIFICATE.subject();

    /** This test's own alias: the tests share the service, its database and its mailbox. */
    private final String alias = "signer-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void tellsTheTenantAdministratorInHowManyDaysTheCertificateOfAnAliasExpires() throws Exception {
        publish.watchEvent("tier-30-" + alias, new ExpiryTierReached(alias, SHA256, "0a1b2c", SUBJECT, NOT_AFTER, 30,
                30, partnerId, KeyPurpose.SIGN_INBOUND_RESPONSE, null, AT));

        ConsumerRecord<String, String> record = awaitNotification(withHeader(MessageHeaders.ID,
                "tier-30-" + alias + ":TENANT_ADMINISTRATOR"));
        PartnerNotification told = ContractJson.read(record.value(), PartnerNotification.class);

        assertThat(record.key()).isEqualTo(partnerId.value());
        assertThat(header(record, MessageHeaders.SUBJECT)).isEqualTo(alias);
        assertThat(told.recipient()).isEqualTo(PartnerRole.TENANT_ADMINISTRATOR);
        assertThat(told.kind()).isEqualTo(NotificationKind.CERTIFICATE_EXPIRING);
        assertThat(told.alias()).isEqualTo(alias);
        assertThat(told.partnerId()).isEqualTo(partnerId);
        assertThat(told.renewalId()).as("no renewal is under way").isNull();
        assertThat(told.causationId()).isEqualTo("tier-30-" + alias);
        assertThat(told.at()).isEqualTo(AT);
        assertThat(told.subject()).isEqualTo("Notice: the certificate of alias " + alias
                + " expires in 30 days (on 2027-01-31)");
        assertThat(told.body()).startsWith("Hello tenant administrator,").contains("subject " + SUBJECT,
                "serial 0a1b2c",
                SHA256.value(), "2027-01-31T12:00:00Z", "with partner " + partnerId + " for SIGN_INBOUND_RESPONSE",
                "No renewal of the alias is under way", "PUT /policies/alias:" + alias);
        assertThat(mailTo(told.subject()).getHeader("X-Keyrenewal-Notification-Id"))
                .containsExactly(told.notificationId());
    }

    @Test
    void saysWhichRenewalIsUnderWayAndKeysAMessageWithoutAPartnerByTheAlias() {
        publish.watchEvent("tier-7-" + alias, new ExpiryTierReached(alias, SHA256, "0a1b2c", SUBJECT, NOT_AFTER, 7, 6,
                null, null, renewalId, NOT_AFTER.minus(Duration.ofDays(6))));

        ConsumerRecord<String, String> record = awaitNotification(withHeader(MessageHeaders.ID,
                "tier-7-" + alias + ":TENANT_ADMINISTRATOR"));
        PartnerNotification told = ContractJson.read(record.value(), PartnerNotification.class);

        assertThat(record.key()).isEqualTo(alias);
        assertThat(told.partnerId()).isNull();
        assertThat(told.subject()).contains("expires in 6 days");
        assertThat(told.body()).contains("Renewal " + renewalId + " of the alias is under way",
                "GET /renewals/" + renewalId).doesNotContain("No renewal");
    }

    @Test
    void tellsTheTenantAdministratorWhichRenewalTheWatchStartedByWhichPolicy() throws Exception {
        publish.watchEvent("started-" + alias, new RenewalStartedByPolicy(alias, SHA256, renewalId, partnerId,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, PolicyScope.ofAlias(alias), 3, AT));

        ConsumerRecord<String, String> record = awaitNotification(withHeader(MessageHeaders.ID,
                "started-" + alias + ":TENANT_ADMINISTRATOR"));
        PartnerNotification told = ContractJson.read(record.value(), PartnerNotification.class);

        assertThat(header(record, MessageHeaders.SUBJECT)).isEqualTo(renewalId.value());
        assertThat(told.kind()).isEqualTo(NotificationKind.RENEWAL_STARTED_BY_POLICY);
        assertThat(told.renewalId()).isEqualTo(renewalId);
        assertThat(told.partnerId()).isEqualTo(partnerId);
        assertThat(told.subject()).isEqualTo("Notice: renewal " + renewalId + " of alias " + alias
                + " started by policy alias:" + alias);
        assertThat(told.body()).contains("started renewal " + renewalId, "partner " + partnerId,
                "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH", "alias:" + alias + " (version 3)");
        mailTo(told.subject());

        JsonNode ofTheRenewal = await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> api.deliveryLog(renewalId), rows -> rows.size() == 2);
        assertThat(ofTheRenewal.findValuesAsText("channel")).containsExactlyInAnyOrder("kafka", "email");
        assertThat(ofTheRenewal.findValuesAsText("alias")).containsOnly(alias);
        assertThat(api.deliveryLogOfAlias(alias).findValuesAsText("kind")).containsOnly("RENEWAL_STARTED_BY_POLICY");
    }

    @Test
    void tellsTheTenantAdministratorWhyThePolicysRenewalCouldNotStartAndWhenItIsTriedAgain() {
        Instant nextAttempt = AT.plus(Duration.ofDays(1));
        publish.watchEvent("not-started-" + alias, new RenewalByPolicyNotStarted(alias, SHA256,
                PolicyScope.ofPurpose(KeyPurpose.SIGN_INBOUND_RESPONSE), "partner acme is not registered",
                nextAttempt, AT));
        publish.watchEvent("given-up-" + alias, new RenewalByPolicyNotStarted(alias, SHA256,
                PolicyScope.ofAlias(alias), "playbook TENANT_DECRYPTS_OUTBOUND_RESPONSE is not for SIGN_INBOUND_RESPONSE",
                null, AT.plusSeconds(60)));

        ConsumerRecord<String, String> record = awaitNotification(withHeader(MessageHeaders.ID,
                "not-started-" + alias + ":TENANT_ADMINISTRATOR"));
        PartnerNotification retried = ContractJson.read(record.value(), PartnerNotification.class);
        PartnerNotification waiting = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "given-up-" + alias + ":TENANT_ADMINISTRATOR")).value(), PartnerNotification.class);

        assertThat(record.key()).isEqualTo(alias);
        assertThat(retried.kind()).isEqualTo(NotificationKind.RENEWAL_BY_POLICY_NOT_STARTED);
        assertThat(retried.partnerId()).isNull();
        assertThat(retried.renewalId()).isNull();
        assertThat(retried.subject()).isEqualTo("Alert: the renewal of alias " + alias
                + " by policy purpose:SIGN_INBOUND_RESPONSE could not start");
        assertThat(retried.body()).contains("could not start: partner acme is not registered",
                "tries again at " + nextAttempt);
        assertThat(waiting.body()).contains("is not for SIGN_INBOUND_RESPONSE",
                "does not try again until the policy changes", "PUT /policies/alias:" + alias);
        mailTo(retried.subject());
    }

    @Test
    void escalatesACertificateThatExpiredUnrenewed() {
        // recorded before the events carried the subject: the message goes without it
        publish.watchEvent("expired-" + alias, new CertificateExpiredUnrenewed(alias, SHA256, "0a1b2c", null,
                NOT_AFTER, null, NOT_AFTER.plusSeconds(60)));

        PartnerNotification told = ContractJson.read(awaitNotification(withHeader(MessageHeaders.ID,
                "expired-" + alias + ":TENANT_ADMINISTRATOR")).value(), PartnerNotification.class);

        assertThat(told.kind()).isEqualTo(NotificationKind.CERTIFICATE_EXPIRED_UNRENEWED);
        assertThat(told.recipient()).isEqualTo(PartnerRole.TENANT_ADMINISTRATOR);
        assertThat(told.subject()).isEqualTo("Escalation: the certificate of alias " + alias
                + " expired on 2027-01-31 and was not renewed");
        assertThat(told.body()).contains("(serial 0a1b2c", "no renewal replaced it", "Renew the alias now",
                "By when: Now.").doesNotContain("subject ");
        mailTo(told.subject());
    }

    @Test
    void tellsOnceAnEventDeliveredTwiceAndNothingOfACertificateWatched() throws Exception {
        publish.watchEvent("watched-" + alias, new CertificateWatched(alias, AliasKind.KEY_PAIR,
                CertificateSummary.of(CERTIFICATE), AT.minusSeconds(60)));
        ExpiryTierReached tier = new ExpiryTierReached(alias, SHA256, "0a1b2c", SUBJECT, NOT_AFTER, 14, 13,
                partnerId, null, null, AT);
        publish.watchEvent("tier-14-" + alias, tier);
        publish.watchEvent("tier-14-" + alias, tier);
        // the same alias, so the same partition: once this one is told, the three before it were handled
        publish.watchEvent("expired-" + alias, new CertificateExpiredUnrenewed(alias, SHA256, "0a1b2c", SUBJECT,
                NOT_AFTER, null, NOT_AFTER.plusSeconds(60)));
        awaitNotification(withHeader(MessageHeaders.ID, "expired-" + alias + ":TENANT_ADMINISTRATOR"));

        assertThat(published.on(Topics.PARTNER_NOTIFICATIONS, withHeader(MessageHeaders.SUBJECT, alias)))
                .extracting(record -> header(record, MessageHeaders.ID))
                .containsExactlyInAnyOrder("tier-14-" + alias + ":TENANT_ADMINISTRATOR",
                        "expired-" + alias + ":TENANT_ADMINISTRATOR");
        JsonNode log = await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> api.deliveryLogOfAlias(alias),
                        rows -> rows.size() == 4 && rows.findValuesAsText("status").stream().allMatch("SENT"::equals));
        assertThat(log.findValuesAsText("kind")).containsExactlyInAnyOrder("CERTIFICATE_EXPIRING",
                "CERTIFICATE_EXPIRING", "CERTIFICATE_EXPIRED_UNRENEWED", "CERTIFICATE_EXPIRED_UNRENEWED");
        assertThat(mailsTo(TENANT_EMAIL, alias)).hasSize(2);
    }

    @Test
    void sendsARecordItCannotReadToTheDeadLetterTopicAndCarriesOnWithTheNextOne() {
        publish.rawWatchRecord(alias, "this is not json", "broken-" + alias);
        publish.rawWatchRecord(alias, "{\"type\":\"AliasRenamed\",\"alias\":\"" + alias + "\"}",
                "unknown-" + alias);
        publish.rawWatchRecord(alias, ContractJson.write(new CertificateExpiredUnrenewed(alias, SHA256, "0a1b2c",
                SUBJECT, NOT_AFTER, null, NOT_AFTER)), null);
        publish.watchEvent("expired-" + alias, new CertificateExpiredUnrenewed(alias, SHA256, "0a1b2c", SUBJECT,
                NOT_AFTER, null, NOT_AFTER.plusSeconds(60)));

        awaitNotification(withHeader(MessageHeaders.ID, "expired-" + alias + ":TENANT_ADMINISTRATOR"));
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
            List<ConsumerRecord<String, String>> deadLetters = published.on(Topics.deadLetter(Topics.ALIAS_WATCH),
                    record -> alias.equals(record.key()));
            assertThat(deadLetters).extracting(record -> header(record, MessageHeaders.DEAD_LETTER_REASON))
                    .satisfiesExactlyInAnyOrder(
                            reason -> assertThat(reason).startsWith("not a valid AliasWatchEvent"),
                            reason -> assertThat(reason).contains("AliasRenamed"),
                            reason -> assertThat(reason).contains("no ce_id header"));
            assertThat(deadLetters).filteredOn(withHeader(MessageHeaders.ID, "broken-" + alias)).singleElement()
                    .satisfies(deadLetter -> assertThat(deadLetter.value()).isEqualTo("this is not json"));
        });
    }

    /** The mail to the tenant administrator with this subject, once it arrived. */
    private MimeMessage mailTo(String subject) {
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> mailsTo(TENANT_EMAIL, alias).stream()
                        .filter(mail -> subject.equals(subjectOf(mail))).toList(), mails -> !mails.isEmpty())
                .get(0);
    }
}
