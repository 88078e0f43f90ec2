package io.keyrenewal.renewal.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.renewal.support.SharedServiceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stored history sent to renewal.events.v1 again is, record for record, what the relay sent the first time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepublishIntegrationTest extends SharedServiceContext {

    static final PartnerId ACME = new PartnerId("acme");

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    Http http;
    TopicRecorder topic;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
        topic = new TopicRecorder(brokers, Topics.RENEWAL_EVENTS);
    }

    @AfterAll
    void disconnect() {
        topic.close();
    }

    @Test
    void republishesARenewalAndATimeRangeAsTheVeryRecordsTheRelaySentWithoutMovingTheRelay() {
        String first = renewalThroughThreeSteps("republish-first");
        List<String> firstSent = sentOnce(first, 4);
        String second = renewalThroughThreeSteps("republish-second");
        List<String> secondSent = sentOnce(second, 4);
        byte[] relayToken = relayToken();

        JsonNode byRenewal = republish("{\"renewalId\":\"" + first + "\"}", 4);
        assertThat(byRenewal.at("/selection/renewalId").asText()).isEqualTo(first);
        assertThat(sentTwice(first)).isEqualTo(firstSent);
        assertThat(storedEventIds(first)).isEqualTo(firstSent.stream().map(RepublishIntegrationTest::ceId).toList());

        List<String> storedTimes = jdbc.queryForList("select time_stamp from domain_event_entry"
                + " where aggregate_identifier = ? order by sequence_number", String.class, second);
        Instant from = Instant.parse(storedTimes.get(0));
        Instant to = Instant.parse(storedTimes.get(3)).plusMillis(1);
        assertThat(jdbc.queryForObject("select max(time_stamp) from domain_event_entry where aggregate_identifier = ?",
                String.class, first)).as("the first renewal lies before the range").isLessThan(storedTimes.get(0));
        republish("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}", 4);
        assertThat(sentTwice(second)).isEqualTo(secondSent);
        assertThat(topic.withKey(first)).hasSize(8);

        assertThat(relayToken()).as("the relay's tracking token").isEqualTo(relayToken);
    }

    @Test
    void refusesASelectionWithoutHistoryAsAProblem() {
        assertRefused("", 400, "give a renewalId, or a time range");
        assertRefused("{}", 400, "give a renewalId, or a time range");
        assertRefused("{\"renewalId\":\"no-such-renewal\"}", 400, "renewal no-such-renewal is not in the event store");
        assertRefused("{\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}", 400,
                "from (2026-02-01T00:00:00Z) must be before to (2026-01-01T00:00:00Z)");
        assertRefused("{\"renewalId\":\"x\",\"from\":\"2026-01-01T00:00:00Z\"}", 400, "not both");
        assertThat(http.get("/audit/republish/no-such-job").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesASecondRepublishWhileOneRunsNamingIt() {
        Instant before = Instant.now();
        storeStartedRenewals(2_000);

        HttpResponse<String> running = http.post("/audit/republish", "{\"from\":\"" + before + "\"}");
        assertThat(running.statusCode()).isEqualTo(202);
        String jobId = json(running).get("jobId").asText();
        HttpResponse<String> second = http.post("/audit/republish", "{\"from\":\"" + before + "\"}");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).get("detail").asText()).startsWith("republish " + jobId + " of events stored from ")
                .contains(" is still running (").endsWith("events sent); one republish runs at a time");
        assertThat(awaitDone(jobId).get("eventsDone").asLong()).isEqualTo(2_000);
    }

    private String renewalThroughThreeSteps(String alias) {
        RenewalId renewalId = RenewalId.random();
        Instant now = Instant.now();
        commands.sendAndWait(new Commands.StartRenewal(renewalId, alias, ACME,
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.EC_P256, now));
        commands.sendAndWait(new Commands.RecordKeyPairGenerated(renewalId, "report-" + alias,
                Certificates.certificate(alias, "0a", now), Certificates.ref(alias, "09"), now));
        commands.sendAndWait(new Commands.ConfirmPartnerStep(renewalId, "confirmation-" + alias, ACME,
                ConfirmationType.SWITCHED_TO_NEW_KEY, now));
        return renewalId.value();
    }

    private void storeStartedRenewals(int count) {
        Instant now = Instant.now();
        for (int stored = 0; stored < count; stored += 500) {
            List<GenericDomainEventMessage<RenewalStarted>> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                RenewalId id = RenewalId.random();
                batch.add(new GenericDomainEventMessage<>("Renewal", id.value(), 0, new RenewalStarted(id,
                        "bulk-" + (stored + i), ACME, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30),
                        KeyAlgorithm.EC_P256, now)));
            }
            transactions.executeInTransaction(() -> eventStore.publish(batch));
        }
    }

    /** The renewal's records as the relay sent them, once each. */
    private List<String> sentOnce(String renewalId, int events) {
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> asSent(topic.withKey(renewalId)), sent -> sent.size() == events);
    }

    /** The renewal's records sent again: the second half of what the topic holds of it, in order. */
    private List<String> sentTwice(String renewalId) {
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> asSent(topic.withKey(renewalId)), sent -> sent.size() == 8).subList(4, 8);
    }

    private JsonNode republish(String selection, long events) {
        HttpResponse<String> started = http.post("/audit/republish", selection);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode job = json(started);
        assertThat(job.get("state").asText()).isEqualTo("RUNNING");
        assertThat(job.get("eventsTotal").asLong()).isEqualTo(events);
        JsonNode done = awaitDone(job.get("jobId").asText());
        assertThat(done.get("eventsDone").asLong()).isEqualTo(events);
        return done;
    }

    private JsonNode awaitDone(String jobId) {
        return await().atMost(Duration.ofSeconds(60)).pollInSameThread()
                .until(() -> json(http.get("/audit/republish/" + jobId)), job -> !"RUNNING".equals(
                        job.get("state").asText()));
    }

    private void assertRefused(String body, int status, String detail) {
        HttpResponse<String> response = http.post("/audit/republish", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).get("detail").asText()).contains(detail);
    }

    private List<String> storedEventIds(String renewalId) {
        return eventStore.readEvents(renewalId).asStream().map(DomainEventMessage::getIdentifier).toList();
    }

    /** The relay's stored token, once it has caught up with the event store. */
    private byte[] relayToken() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> jdbc.queryForObject(
                "select token from token_entry where processor_name = ?", byte[].class,
                RenewalEventRelay.PROCESSING_GROUP), token -> json(new String(token, StandardCharsets.UTF_8))
                .get("index").asLong() == head);
    }

    /** Key, value and every header of each record, in order: what a consumer receives. */
    private static List<String> asSent(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> {
            StringBuilder sent = new StringBuilder(record.key()).append('\n').append(record.value());
            for (Header header : record.headers()) {
                sent.append('\n').append(header.key()).append('=')
                        .append(new String(header.value(), StandardCharsets.UTF_8));
            }
            return sent.toString();
        }).toList();
    }

    private static String ceId(String sent) {
        return sent.lines().filter(line -> line.startsWith(MessageHeaders.ID + "=")).findFirst().orElseThrow()
                .substring(MessageHeaders.ID.length() + 1);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static JsonNode json(String body) {
        try {
            return ContractJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }
}
