package io.keyrenewal.renewal.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.RenewalDriver;
import io.keyrenewal.renewal.support.SseRecorder;
import io.keyrenewal.renewal.support.SseRecorder.Message;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard's stream and summary, read over HTTP as other dashboards would read them. */
// a context of its own: it moves the service's clock 4 days on and checks every event the live stream sends
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboard-stream;DB_CLOSE_DELAY=-1",
        "keyrenewal.clock.movable=true",
        "keyrenewal.deadlines.polling-interval=PT0.5S",
        "keyrenewal.dashboard.heartbeat=PT0.3S",
        "keyrenewal.dashboard.client-buffer=64"})
@KafkaTestBroker(partitions = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardStreamIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    LiveStream stream;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    Http http;
    RenewalDriver renewals;
    final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void connect() {
        http = new Http(baseUrl());
        renewals = new RenewalDriver(http, kafka);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : opened) {
            client.close();
        }
        opened.clear();
        await().atMost(WAIT).until(() -> stream.clientCount() == 0);
    }

    @Test
    @Order(1)
    void sendsEveryEventOfARenewalAsItIsStoredWithWhereTheRenewalStands() {
        SseRecorder client = open(Map.of());
        assertThat(client.response().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));

        List<Message> provided = awaitingThePartner(client, "dashboard-stream-1");
        String renewalId = provided.get(0).json().get("renewalId").asText();

        JsonNode first = provided.get(0).json();
        assertThat(first.get("renewal").get("alias").asText()).isEqualTo("dashboard-stream-1");
        assertThat(first.get("renewal").get("partnerId").asText()).isEqualTo("acme");
        assertThat(first.get("renewal").get("playbook").asText()).isEqualTo("TENANT_DECRYPTS_OUTBOUND_RESPONSE");
        assertThat(first.get("actor").asText()).isEqualTo("tenant");
        assertThat(first.get("sequence").asLong()).isZero();
        assertThat(Instant.parse(first.get("at").asText())).isNotNull();
        assertThat(provided).extracting(message -> message.json().get("actor").asText())
                .containsExactly("tenant", "keystore", "system");
        assertThat(provided).extracting(message -> message.json().get("step").asText())
                .containsExactly("null", "KEY_PAIR_CREATED", "CERTIFICATE_PROVIDED");
        JsonNode afterProvided = provided.get(2).json().get("renewal");
        assertThat(afterProvided.get("state").asText()).isEqualTo("OPEN");
        assertThat(afterProvided.get("awaiting")).extracting(JsonNode::asText)
                .containsExactly("PARTNER_SWITCHED_TO_NEW_KEY");
        assertThat(afterProvided.get("nextActors")).extracting(JsonNode::asText).containsExactly("partner");

        List<String> storedIds = StreamSupport.stream(RenewalDriver.json(http.get("/renewals/" + renewalId))
                .get("history").spliterator(), false).map(entry -> entry.get("eventId").asText()).toList();
        assertThat(provided).extracting(Message::id).containsExactlyElementsOf(storedIds);
        assertThat(provided).extracting(message -> message.json().get("id").asText())
                .containsExactlyElementsOf(storedIds);

        renewals.partnerConfirms(renewalId, ConfirmationType.SWITCHED_TO_NEW_KEY);
        JsonNode switched = awaitTypes(client, renewalId, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided", "PartnerSwitchedToNewKey").get(3).json();
        assertThat(switched.get("actor").asText()).isEqualTo("partner:acme");
        assertThat(switched.get("renewal").get("nextActors")).extracting(JsonNode::asText)
                .containsExactly("system");
    }

    @Test
    @Order(2)
    void servesSeveralClientsAndKeepsIdleStreamsOpenWithComments() {
        SseRecorder one = open(Map.of());
        SseRecorder two = open(Map.of());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(one.comments()).contains("connected", "ping");
            assertThat(two.comments()).contains("connected", "ping");
        });

        String renewalId = renewals.start("dashboard-stream-2");
        HttpResponse<String> aborted = http.as("tenant-admin").post("/renewals/" + renewalId + "/abort",
                "{\"reason\":\"wrong alias\"}");
        assertThat(aborted.statusCode()).isEqualTo(200);

        for (SseRecorder client : List.of(one, two)) {
            JsonNode abort = awaitTypes(client, renewalId, "RenewalStarted", "RenewalAborted").get(1).json();
            assertThat(abort.get("actor").asText()).isEqualTo("tenant:tenant-admin");
            assertThat(abort.get("renewal").get("state").asText()).isEqualTo("ABORTED");
            assertThat(abort.get("renewal").get("nextActors")).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aReconnectingClientFirstGetsTheEventsItMissed() {
        SseRecorder watching = open(Map.of());
        List<Message> all = awaitingThePartner(watching, "dashboard-stream-3");
        String renewalId = all.get(0).json().get("renewalId").asText();

        SseRecorder reconnected = open(Map.of("Last-Event-ID", all.get(0).id()));
        awaitTypes(reconnected, renewalId, "NewKeyPairCreated", "CertificateProvided");
        assertThat(reconnected.messagesOf(renewalId)).extracting(Message::id)
                .containsExactly(all.get(1).id(), all.get(2).id());

        SseRecorder fromSummary = SseRecorder.open(baseUrl() + "/dashboard/stream?lastEventId=" + all.get(1).id(),
                Map.of("Authorization", Http.authorization("auditor")));
        opened.add(fromSummary);
        awaitTypes(fromSummary, renewalId, "CertificateProvided");

        SseRecorder forgotten = open(Map.of("Last-Event-ID", "an-event-the-stream-no-longer-keeps"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(forgotten.messages()).extracting(Message::event)
                .containsExactly("reset"));
    }

    @Test
    @Order(4)
    void aRebuildOfTheReadModelSendsNoEventAgain() {
        SseRecorder client = open(Map.of());
        awaitingThePartner(client, "dashboard-stream-4");
        int before = client.messages().size();

        assertThat(http.post("/audit/rebuild", "").statusCode()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(RenewalDriver.json(http.get("/audit/rebuild"))
                .get("state").asText()).isEqualTo("DONE"));
        String marker = renewals.start("dashboard-stream-4-after-rebuild");
        awaitTypes(client, marker, "RenewalStarted");

        List<Message> after = client.messages().subList(before, client.messages().size());
        assertThat(after).extracting(message -> message.json().get("renewalId").asText()).containsExactly(marker);
        Set<String> ids = new HashSet<>();
        assertThat(client.messages()).allSatisfy(message -> assertThat(ids.add(message.id())).isTrue());
        assertThat(processing.eventProcessor(DashboardFeed.PROCESSING_GROUP))
                .containsInstanceOf(TrackingEventProcessor.class);
        assertThat(jdbc.queryForList("select processor_name from token_entry", String.class))
                .as("the feed keeps its position in memory: nothing is replayed to clients later")
                .doesNotContain(DashboardFeed.PROCESSING_GROUP);
    }

    @Test
    @Order(8)
    void atStartTheFeedReadsBackTheLatestStoredEvents() throws Exception {
        List<String> latest = jdbc.queryForList("select event_identifier from domain_event_entry"
                + " order by global_index desc limit 3", String.class);
        List<String> readBack = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(
                DashboardFeedConfiguration.latest(eventStore, 3))) {
            while (readBack.size() < 3 && events.hasNextAvailable(10, TimeUnit.SECONDS)) {
                readBack.add(events.nextAvailable().getIdentifier());
            }
        }
        // in the order they became visible: concurrent commits may fill a lower position later
        assertThat(readBack).containsExactlyInAnyOrderElementsOf(latest);
    }

    @Test
    @Order(5)
    void dropsAClientThatDoesNotReadAndKeepsServingTheOthers() throws Exception {
        SseRecorder reading = open(Map.of());
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /dashboard/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Authorization: " + Http.authorization("auditor") + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream response = stalled.getInputStream();
            assertThat(new String(response.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            await().atMost(WAIT).until(() -> stream.clientCount() == 2);

            String padding = "ü".repeat(2000);
            int sent = 0;
            for (int chunk = 0; chunk < 200 && stream.clientCount() == 2; chunk++) {
                for (int i = 0; i < 50; i++) {
                    String id = "load-" + sent;
                    stream.publish(new LiveStream.Frame(id, new DashboardEvent(id, "Load", "load", sent++, null,
                            Instant.now(), null, null),
                            "{\"id\":\"" + id + "\",\"renewalId\":\"load\",\"padding\":\"" + padding + "\"}"));
                }
                int expected = sent;
                await().atMost(WAIT).until(() -> reading.messagesOf("load").size() == expected);
            }

            assertThat(stream.clientCount()).as("the stalled client is dropped, the reading one stays").isEqualTo(1);
            assertThat(reading.ended()).isFalse();
            List<Message> received = reading.messagesOf("load");
            assertThat(received).hasSize(sent);
            assertThat(received.get(sent - 1).id()).isEqualTo("load-" + (sent - 1));
            assertThat(received.get(0).json().get("padding").asText()).isEqualTo(padding);
        }
    }

    @Test
    @Order(6)
    void summarisesOpenRenewalsByPlaybookAndStepWithWhoMustActAndTheLateOnes() {
        SseRecorder client = open(Map.of());
        String waitingForPartner = awaitingThePartner(client, "dashboard-summary-late").get(0).json()
                .get("renewalId").asText();
        String waitingForKeystore = renewals.start("dashboard-summary-keystore");
        awaitTypes(client, waitingForKeystore, "RenewalStarted");

        renewals.advanceClock(Duration.ofDays(4));
        Message overdue = awaitTypes(client, waitingForPartner, "RenewalStarted", "NewKeyPairCreated",
                "CertificateProvided", "PartnerStepOverdue").get(3);
        assertThat(overdue.json().get("actor").asText()).isEqualTo("system");
        assertThat(overdue.json().get("renewal").get("overdue").asBoolean()).isTrue();

        JsonNode summary = RenewalDriver.json(http.get("/dashboard/summary"));
        List<JsonNode> open = StreamSupport.stream(RenewalDriver.json(http.get("/renewals?state=OPEN"))
                .spliterator(), false).toList();
        assertThat(summary.get("openRenewals").asInt()).isEqualTo(open.size());
        assertThat(summary.get("renewals")).extracting(renewal -> renewal.get("renewalId").asText())
                .containsExactlyInAnyOrderElementsOf(open.stream().map(view -> view.get("renewalId").asText())
                        .toList())
                .contains(waitingForPartner, waitingForKeystore);
        for (JsonNode playbook : summary.get("byPlaybook")) {
            for (JsonNode step : playbook.get("steps")) {
                long expected = open.stream().filter(view -> view.get("playbook").asText()
                                .equals(playbook.get("playbook").asText()))
                        .filter(view -> List.of(view.get("awaiting").asText().split(","))
                                .contains(step.get("step").asText()))
                        .count();
                assertThat(step.get("open").asLong()).as(playbook.get("playbook") + " " + step.get("step"))
                        .isEqualTo(expected).isPositive();
            }
        }
        assertThat(summary.get("byPlaybook")).anySatisfy(playbook -> {
            assertThat(playbook.get("playbook").asText()).isEqualTo("TENANT_DECRYPTS_OUTBOUND_RESPONSE");
            assertThat(playbook.get("steps")).anySatisfy(step ->
                    assertThat(step.get("step").asText()).isEqualTo("PARTNER_SWITCHED_TO_NEW_KEY"));
            assertThat(playbook.get("steps")).anySatisfy(step ->
                    assertThat(step.get("step").asText()).isEqualTo("KEY_PAIR_CREATED"));
        });
        for (String actor : List.of("partner", "keystore")) {
            long expected = open.stream().filter(view -> view.get("nextActor").asText().equals(actor)).count();
            assertThat(summary.get("byNextActor")).anySatisfy(count -> {
                assertThat(count.get("actor").asText()).isEqualTo(actor);
                assertThat(count.get("open").asLong()).isEqualTo(expected);
            });
        }
        assertThat(summary.get("late")).anySatisfy(late -> {
            assertThat(late.get("renewalId").asText()).isEqualTo(waitingForPartner);
            assertThat(late.get("overdue").asBoolean()).isTrue();
            assertThat(late.get("awaiting")).extracting(JsonNode::asText)
                    .containsExactly("PARTNER_SWITCHED_TO_NEW_KEY");
        });
        assertThat(summary.get("late")).noneSatisfy(late ->
                assertThat(late.get("renewalId").asText()).isEqualTo(waitingForKeystore));
        JsonNode recent = summary.get("recentEvents");
        assertThat(recent.get(recent.size() - 1).get("id").asText()).isEqualTo(summary.get("lastEventId").asText());
        assertThat(recent).anySatisfy(event -> {
            assertThat(event.get("id").asText()).isEqualTo(overdue.id());
            assertThat(event.get("type").asText()).isEqualTo("PartnerStepOverdue");
        });
        assertThat(summary.get("liveClients").asInt()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void servesThePageBeneathDashboardWithItsScriptAndStyles() {
        HttpResponse<String> redirect = http.get("/dashboard");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("dashboard/");
        HttpResponse<String> page = http.get("/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("src=\"dashboard.js\"", "href=\"dashboard.css\"");
        assertThat(http.get("/dashboard/dashboard.js").body()).contains("new EventSource(");
        assertThat(http.get("/dashboard/dashboard.css").statusCode()).isEqualTo(200);
    }

    private SseRecorder open(Map<String, String> headers) {
        Map<String, String> withLogin = new java.util.HashMap<>(headers);
        withLogin.put("Authorization", Http.authorization("auditor"));
        SseRecorder client = SseRecorder.open(baseUrl() + "/dashboard/stream", withLogin);
        opened.add(client);
        return client;
    }

    /** Starts a renewal of {@code alias} and has the keystore answer: it then awaits the partner (playbook 3). */
    private List<Message> awaitingThePartner(SseRecorder client, String alias) {
        String renewalId = renewals.start(alias);
        Message started = awaitTypes(client, renewalId, "RenewalStarted").get(0);
        renewals.keyPairGenerated(renewalId, alias, started.id());
        return awaitTypes(client, renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided");
    }

    private List<Message> awaitTypes(SseRecorder client, String renewalId, String... types) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.messagesOf(renewalId))
                .extracting(message -> message.json().get("type").asText()).containsExactly(types));
        return client.messagesOf(renewalId);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
