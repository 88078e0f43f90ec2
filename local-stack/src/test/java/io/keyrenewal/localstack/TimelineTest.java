package io.keyrenewal.localstack;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(SharedKafkaBroker.class)
class TimelineTest {

    private static final PartnerId ACME = new PartnerId("acme");
    private static final Instant STARTED_AT = Instant.parse("2026-11-22T10:00:00Z");

    private static String bootstrapServers;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void broker(KafkaBroker broker) {
        bootstrapServers = broker.bootstrapServers();
    }

    @Test
    void printsTheEventsOfItsRenewalInOrderAndNothingOfOtherRenewals() {
        RenewalId followed = RenewalId.random();
        RenewalId other = RenewalId.random();
        CertificateInfo certificate = TestRecords.acmeCertificate();
        publish(0, started(followed, "partner-acme-decrypt"));
        publish(0, started(other, "partner-other-alias"));
        publish(1, new NewKeyPairCreated(followed, "partner-acme-decrypt", certificate, null, STARTED_AT.plusSeconds(1)));
        publish(2, new CertificateProvided(followed, "partner-acme-decrypt", ACME, PartnerRole.RECEIVER_ADMINISTRATOR,
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, certificate, STARTED_AT.plusSeconds(2)));

        try (Timeline timeline = Timeline.follow(bootstrapServers, followed, out)) {
            timeline.awaitEvent(CertificateProvided.class, Duration.ofSeconds(30), "read the test");

            assertThat(timeline.events()).extracting(RenewalEvent::renewalId).containsOnly(followed);
            assertThat(timeline.events()).extracting(event -> event.getClass().getSimpleName())
                    .containsExactly("RenewalStarted", "NewKeyPairCreated", "CertificateProvided");
        }
        String shortFingerprint = certificate.sha256().value().substring(0, 16);
        assertThat(printed()).containsSubsequence(
                        "#0", "RenewalStarted", "alias partner-acme-decrypt, partner acme, playbook "
                                + "TENANT_DECRYPTS_OUTBOUND_RESPONSE",
                        "#1", "NewKeyPairCreated", shortFingerprint, certificate.serialNumber(),
                        "#2", "CertificateProvided", "RECEIVER_ADMINISTRATOR of acme", shortFingerprint)
                .doesNotContain("partner-other-alias")
                .doesNotContain("BEGIN CERTIFICATE")
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void printsEventsThatArriveWhileItFollowsTheRenewal() {
        RenewalId followed = RenewalId.random();
        try (Timeline timeline = Timeline.follow(bootstrapServers, followed, out)) {
            publish(3, new PartnerSwitchedToNewKey(followed, ACME, "confirmation-7",
                    STARTED_AT.plus(Duration.ofDays(90)), STARTED_AT));
            publish(6, new RenewalCompleted(followed, "partner-acme-decrypt", ACME, STARTED_AT.plus(Duration.ofDays(91))));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(printed())
                    .containsSubsequence("#3", "PartnerSwitchedToNewKey", "acme confirmed (confirmation-7)",
                            "old key retained until " + EventSummary.localTime(STARTED_AT.plus(Duration.ofDays(90))),
                            "#6", "RenewalCompleted", "alias partner-acme-decrypt with acme is renewed"));
        }
    }

    @Test
    void failsNamingTheLastEventAndWhereToLookWhenAnEventDoesNotComeInTime() {
        RenewalId followed = RenewalId.random();
        publish(0, started(followed, "partner-acme-decrypt"));

        try (Timeline timeline = Timeline.follow(bootstrapServers, followed, out)) {
            timeline.awaitEvent(RenewalStarted.class, Duration.ofSeconds(30), "read the test");

            assertThatThrownBy(() -> timeline.awaitEvent(CertificateProvided.class, Duration.ofMillis(300),
                    "read data/logs/keystore-service.log"))
                    .isInstanceOf(LocalStackFailure.class)
                    .hasMessageContaining("no CertificateProvided for renewal " + followed)
                    .hasMessageContaining("last event: RenewalStarted")
                    .hasMessageContaining("read data/logs/keystore-service.log");
        }
    }

    private static RenewalStarted started(RenewalId renewalId, String alias) {
        return new RenewalStarted(renewalId, alias, ACME, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                Duration.ofDays(30), KeyAlgorithm.DEFAULT, STARTED_AT);
    }

    private static void publish(int sequence, RenewalEvent event) {
        TestRecords.publish(bootstrapServers, Topics.RENEWAL_EVENTS, event.renewalId().value(), event,
                Map.of(MessageHeaders.SEQUENCE, Integer.toString(sequence),
                        MessageHeaders.SUBJECT, event.renewalId().value()));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
