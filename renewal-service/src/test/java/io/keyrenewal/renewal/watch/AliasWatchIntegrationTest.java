package io.keyrenewal.renewal.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.alias.AliasCertificate;
import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.watch.AliasWatchEvent;
import io.keyrenewal.contracts.watch.CertificateExpiredUnrenewed;
import io.keyrenewal.contracts.watch.ExpiryTierReached;
import io.keyrenewal.contracts.watch.RenewalByPolicyNotStarted;
import io.keyrenewal.contracts.watch.RenewalStartedByPolicy;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.PartnerSystem;
import io.keyrenewal.renewal.support.Records;
import io.keyrenewal.renewal.support.SharedServiceContext;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HexFormat;
import java.util.List;

import static io.keyrenewal.renewal.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The expiry watch on the running service, fed as the keystore feeds it (records on {@code keystore.aliases.v1}):
 * tiers reported once per certificate, the renewal its policy asks for started once, a start that cannot be made
 * reported with its reason, an expired certificate escalated, and all of it in the inventory ({@code GET /aliases})
 * and on {@code alias.watch.v1}. The certificates are dated around the service's clock, which stays where it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AliasWatchIntegrationTest extends SharedServiceContext {

    static final PartnerSystem WATCHCO = new PartnerSystem("watchco", "watchco-2026");

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    Clock clock;
    @Autowired
    MeterRegistry registry;

    Http http;
    TopicRecorder watch;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
        WATCHCO.register(http, true);
        watch = new TopicRecorder(brokers, Topics.ALIAS_WATCH);
    }

    @AfterAll
    void disconnect() {
        watch.close();
    }

    @Test
    void aCertificateNearItsExpiryIsReportedAtItsTierAndRenewedOnceByItsPolicy() throws Exception {
        String alias = "watch-signer";
        policy(alias, "\"purpose\":\"SIGN_INBOUND_RESPONSE\",\"partnerId\":\"watchco\",\"startDaysBeforeExpiry\":25");
        Instant now = clock.instant();
        CertificateSummary expiring = certificate(alias, "1", now.minus(Duration.ofDays(345)),
                now.plus(Duration.ofDays(20)));

        publish(alias, expiring, 5);

        List<ConsumerRecord<String, String>> seen = watch.awaitTypes(alias, "CertificateWatched",
                "ExpiryTierReached", "RenewalStartedByPolicy");
        ExpiryTierReached tier = event(seen.get(1), ExpiryTierReached.class);
        assertThat(tier.tierDays()).as("60 and 30 passed at once: the nearer one").isEqualTo(30);
        assertThat(tier.daysLeft()).isBetween(19L, 20L);
        assertThat(tier.partnerId().value()).isEqualTo("watchco");
        assertThat(tier.subject()).isEqualTo("CN=" + alias);
        RenewalStartedByPolicy started = event(seen.get(2), RenewalStartedByPolicy.class);
        assertThat(started.policy().value()).isEqualTo("alias:" + alias);
        JsonNode renewal = json(http.get("/renewals/" + started.renewalId())).path("renewal");
        assertThat(renewal.path("playbook").asText()).isEqualTo(started.playbook().name());
        assertThat(renewal.path("alias").asText()).isEqualTo(alias);
        assertThat(renewal.path("state").asText()).isEqualTo("OPEN");

        JsonNode item = only(http.get("/aliases?partnerId=watchco&expiringWithinDays=21"), alias);
        assertThat(item.path("kind").asText()).isEqualTo("KEY_PAIR");
        assertThat(item.path("purpose").asText()).isEqualTo("SIGN_INBOUND_RESPONSE");
        assertThat(item.at("/certificate/serialNumber").asText()).isEqualTo("1");
        assertThat(item.path("tierReached").asInt()).isEqualTo(30);
        assertThat(item.path("policy").asText()).isEqualTo("alias:" + alias);
        assertThat(item.at("/openRenewal/renewalId").asText()).isEqualTo(started.renewalId().value());
        assertThat(item.at("/openRenewal/startedByPolicy").asBoolean()).isTrue();

        // the same certificate again, a newer record of it, an older record of another: nothing new; a new one is
        publish(alias, expiring, 5);
        publish(alias, expiring, 6);
        publish(alias, certificate(alias, "0", now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(400))), 2);
        publish(alias, certificate(alias, "2", now, now.plus(Duration.ofDays(397))), 7);
        seen = watch.awaitTypes(alias, "CertificateWatched", "ExpiryTierReached", "RenewalStartedByPolicy",
                "CertificateWatched");
        assertThat(event(seen.get(3), io.keyrenewal.contracts.watch.CertificateWatched.class).certificate()
                .serialNumber()).isEqualTo("2");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode renewed = only(http.get("/aliases?partnerId=watchco"), alias);
            assertThat(renewed.at("/certificate/serialNumber").asText()).isEqualTo("2");
            assertThat(renewed.path("tierReached").isNull()).as("no tier of the new certificate yet").isTrue();
            assertThat(renewed.path("daysLeft").asLong()).isBetween(396L, 397L);
        });
        assertThat(registry.counter("keyrenewal.watch.renewals.started").count()).isPositive();
    }

    @Test
    void aPolicysRenewalThatCannotStartIsReportedWithItsReasonAndAnExpiredCertificateEscalated() {
        String alias = "watch-orphan-decrypt";
        // the seeded initech has no confirmation key: none of its confirmations could be verified
        policy(alias, "\"purpose\":\"DECRYPT_OUTBOUND_RESPONSE\",\"partnerId\":\"initech\","
                + "\"startDaysBeforeExpiry\":30");
        Instant now = clock.instant();

        publish(alias, certificate(alias, "a1", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))), 1);

        List<ConsumerRecord<String, String>> seen = watch.awaitTypes(alias, "CertificateWatched",
                "ExpiryTierReached", "RenewalByPolicyNotStarted", "CertificateExpiredUnrenewed");
        assertThat(event(seen.get(1), ExpiryTierReached.class).tierDays()).isEqualTo(7);
        assertThat(event(seen.get(1), ExpiryTierReached.class).daysLeft()).isNegative();
        RenewalByPolicyNotStarted notStarted = event(seen.get(2), RenewalByPolicyNotStarted.class);
        assertThat(notStarted.reason()).startsWith("Confirmation rejected: partner initech has no registered"
                + " confirmation key");
        assertThat(notStarted.nextAttemptAt()).isAfter(now);
        CertificateExpiredUnrenewed expired = event(seen.get(3), CertificateExpiredUnrenewed.class);
        assertThat(expired.serialNumber()).isEqualTo("a1");
        assertThat(expired.openRenewal()).isNull();
        JsonNode item = only(http.get("/aliases?purpose=DECRYPT_OUTBOUND_RESPONSE&expiringWithinDays=0"), alias);
        assertThat(item.path("daysLeft").asLong()).isNegative();
        assertThat(item.path("openRenewal").isNull()).isTrue();
    }

    @Test
    void aPolicyThatWouldRenewEveryCertificateAsSoonAsItIsIssuedStartsNoneAndSaysWhy() {
        String alias = "watch-short-lived";
        policy(alias, "\"purpose\":\"SIGN_INBOUND_RESPONSE\",\"partnerId\":\"watchco\",\"startDaysBeforeExpiry\":30");
        Instant now = clock.instant();

        // 20 days of life, renewed 30 days before its end: so would be its successor, the day it is issued
        publish(alias, certificate(alias, "s1", now.minus(Duration.ofDays(5)), now.plus(Duration.ofDays(15))), 1);

        List<ConsumerRecord<String, String>> seen = watch.awaitTypes(alias, "CertificateWatched",
                "ExpiryTierReached", "RenewalByPolicyNotStarted");
        RenewalByPolicyNotStarted notStarted = event(seen.get(2), RenewalByPolicyNotStarted.class);
        assertThat(notStarted.reason()).startsWith("the policy starts a renewal 30 days before expiry, and this"
                + " certificate lives 20 days in all: it would renew every certificate as soon as it is issued");
        assertThat(notStarted.policy().value()).isEqualTo("alias:" + alias);
        JsonNode item = only(http.get("/aliases?partnerId=watchco&expiringWithinDays=16"), alias);
        assertThat(item.path("openRenewal").isNull()).as("no renewal started").isTrue();
    }

    @Test
    void aPolicySetAfterTheCertificateWasWatchedIsActedOnAtOnce() {
        String alias = "watch-late-policy";
        Instant now = clock.instant();
        publish(alias, certificate(alias, "d1", now.minus(Duration.ofDays(340)), now.plus(Duration.ofDays(25))), 1);
        watch.awaitTypes(alias, "CertificateWatched", "ExpiryTierReached");

        // its time (30 days before) has passed: the watch, reviewed after the change, starts the renewal now
        policy(alias, "\"purpose\":\"SIGN_INBOUND_RESPONSE\",\"partnerId\":\"watchco\",\"startDaysBeforeExpiry\":30");

        RenewalStartedByPolicy started = event(watch.awaitTypes(alias, "CertificateWatched", "ExpiryTierReached",
                "RenewalStartedByPolicy").get(2), RenewalStartedByPolicy.class);
        assertThat(started.policyVersion()).isEqualTo(1);
    }

    @Test
    void theRenewalAnAliasPolicyWouldStartIsPlannedWithoutEffects() {
        String alias = "watch-planned";
        policy(alias, "\"purpose\":\"SIGN_INBOUND_RESPONSE\",\"partnerId\":\"watchco\",\"startDaysBeforeExpiry\":30,"
                + "\"windows\":[{\"cron\":\"0 0 22 * * SAT\",\"duration\":\"PT6H\",\"timeZone\":\"Europe/Zurich\"}]");
        Instant now = clock.instant();
        // its time falls on a Wednesday noon (UTC), outside the window: the window opens that Saturday night
        Instant startsAt = now.plus(Duration.ofDays(170)).atZone(ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY)).withHour(12).truncatedTo(ChronoUnit.HOURS)
                .toInstant();
        CertificateSummary certificate = certificate(alias, "e1", now, startsAt.plus(Duration.ofDays(30)));
        publish(alias, certificate, 1);
        watch.awaitTypes(alias, "CertificateWatched");

        HttpResponse<String> answer = http.as("auditor").get("/aliases/" + alias + "/renewal-plan");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode planned = json(answer);
        assertThat(planned.path("policy").asText()).isEqualTo("alias:" + alias);
        assertThat(Instant.parse(planned.path("renewalStartsAt").asText())).isEqualTo(startsAt);
        assertThat(Instant.parse(planned.path("nextWindowOpensAt").asText())).isEqualTo(startsAt
                .atZone(ZoneId.of("Europe/Zurich")).with(TemporalAdjusters.next(DayOfWeek.SATURDAY)).withHour(22)
                .truncatedTo(ChronoUnit.HOURS).toInstant());
        assertThat(planned.at("/request/partnerId").asText()).isEqualTo("watchco");
        assertThat(planned.at("/plan/wouldStart").asBoolean()).isTrue();
        assertThat(planned.at("/plan/steps").size()).isPositive();
        assertThat(json(http.get("/renewals?alias=" + alias)).size()).as("nothing started").isZero();
        HttpResponse<String> none = http.get("/aliases/watch-no-policy/renewal-plan");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).path("detail").asText()).startsWith("no policy applies to alias watch-no-policy");
    }

    @Test
    void aTierTheClockReachesLaterIsReportedWhenItDoesAtTheWatchsDeadline() {
        String alias = "watch-deadline";
        Instant now = clock.instant();
        // the 60-day tier is reached 7-8 seconds from now (time enough for the record to be watched before, on a
        // loaded machine): the watch's deadline, not the record, reports it
        CertificateSummary certificate = certificate(alias, "c1", now.minus(Duration.ofDays(300)),
                now.plus(Duration.ofDays(60)).plusSeconds(8));
        Instant reached = certificate.notAfter().minus(Duration.ofDays(60));
        publish(alias, certificate, 1);

        List<ConsumerRecord<String, String>> seen = watch.awaitTypes(alias, "CertificateWatched",
                "ExpiryTierReached");

        ExpiryTierReached tier = event(seen.get(1), ExpiryTierReached.class);
        assertThat(tier.tierDays()).isEqualTo(60);
        assertThat(event(seen.get(0), io.keyrenewal.contracts.watch.CertificateWatched.class).at())
                .as("watched before the tier was reached").isBefore(reached);
        assertThat(tier.at()).as("reported once reached").isAfterOrEqualTo(reached);
    }

    @Test
    void theInventoryIsPagedSortedBySoonestExpiryAndRefusesBadQueries() {
        Instant now = clock.instant();
        for (int days = 301; days <= 303; days++) {
            String alias = "watch-paged-" + days;
            publish(alias, certificate(alias, "b" + days, now, now.plus(Duration.ofDays(days))), 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> aliases(http.get("/aliases?size=1000")).stream()
                .filter(alias -> alias.startsWith("watch-paged-")).count() == 3);

        List<String> all = aliases(http.get("/aliases?size=1000")).stream()
                .filter(alias -> alias.startsWith("watch-paged-")).toList();
        assertThat(all).as("soonest expiry first").containsExactly("watch-paged-301", "watch-paged-302",
                "watch-paged-303");
        HttpResponse<String> first = http.as("auditor").get("/aliases?size=1");
        assertThat(first.statusCode()).isEqualTo(200);
        long total = Long.parseLong(first.headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(first.headers().firstValue("Link").orElseThrow()).contains("page=1").contains("rel=\"next\"")
                .doesNotContain("http://");
        assertThat(http.get("/aliases?size=5000").statusCode()).isEqualTo(400);
        assertThat(json(http.get("/aliases?purpose=SIGN_EVERYTHING")).path("detail").asText())
                .startsWith("purpose SIGN_EVERYTHING is not a purpose");
        assertThat(http.anonymous().get("/aliases").statusCode()).isEqualTo(401);
    }

    private void policy(String alias, String fields) {
        HttpResponse<String> set = http.as("tenant-admin").put("/policies/alias:" + alias,
                "{\"guaranteedDeliveryTime\":\"P30D\"," + fields + "}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    private void publish(String alias, CertificateSummary certificate, long version) {
        kafka.send(Records.record(Topics.ALIAS_CERTIFICATES, alias, new AliasCertificate(alias, AliasKind.KEY_PAIR,
                certificate, version, clock.instant()))).join();
    }

    static CertificateSummary certificate(String alias, String serial, Instant notBefore, Instant notAfter) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((alias + serial)
                    .getBytes(StandardCharsets.UTF_8));
            // to the second, as a certificate has them
            return new CertificateSummary(new Fingerprint(HexFormat.of().formatHex(digest)), "CN=" + alias,
                    "CN=Tenant CA", serial, notBefore.truncatedTo(ChronoUnit.SECONDS),
                    notAfter.truncatedTo(ChronoUnit.SECONDS));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T extends AliasWatchEvent> T event(ConsumerRecord<String, String> record, Class<T> type) {
        return type.cast(ContractJson.read(record.value(), AliasWatchEvent.class));
    }

    private static List<String> aliases(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(json(response).spliterator(), false).map(item -> item.path("alias").asText()).toList();
    }

    private static JsonNode only(HttpResponse<String> response, String alias) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(json(response).spliterator(), false).filter(item -> alias.equals(item.path("alias").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(alias + " not in " + response.body()));
    }
}
