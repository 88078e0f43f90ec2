package io.keyrenewal.renewal.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.PartnerSystem;
import io.keyrenewal.renewal.support.SharedServiceContext;
import io.keyrenewal.renewal.support.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.keyrenewal.renewal.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /renewals/dry-run} on the running service: it stores, publishes and schedules nothing, its plan is what
 * the real start of the same request then starts, and what it says would be refused the start (or the partner's
 * confirmation) then refuses with the same reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DryRunIntegrationTest extends SharedServiceContext {

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;

    Http http;
    TopicRecorder events;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
        PartnerSystem.ACME.register(http, true);
        events = new TopicRecorder(brokers, Topics.RENEWAL_EVENTS);
    }

    @AfterAll
    void disconnect() {
        events.close();
    }

    static String body(String alias, String partnerId, String more) {
        return "{\"alias\":\"" + alias + "\",\"partnerId\":\"" + partnerId + "\",\"guaranteedDeliveryTime\":\"P30D\""
                + more + "}";
    }

    @Test
    void aDryRunStoresPublishesAndSchedulesNothingAndTheStartThenFollowsItsPlan() {
        String alias = "acme-dry-run-nothing";
        String request = body(alias, "acme", ",\"purpose\":\"SIGN_INBOUND_RESPONSE\"");
        Set<String> renewalsBefore = renewalsStored();
        Set<String> deadlinesBefore = deadlinesScheduled();

        HttpResponse<String> dryRun = http.post("/renewals/dry-run", request);

        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        JsonNode plan = json(dryRun);
        assertThat(plan.path("wouldStart").asBoolean()).isTrue();
        assertThat(plan.path("refusals")).isEmpty();
        assertThat(plan.at("/playbook/playbook").asText()).isEqualTo("TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH");
        assertThat(plan.at("/playbook/chosenBy").asText()).isEqualTo("PURPOSE_AND_CAPABILITY");
        assertThat(plan.at("/steps/0/step").asText()).isEqualTo("KEY_PAIR_CREATED");
        assertThat(plan.at("/dates/retention").asText()).isEqualTo("PT2160H");
        assertThat(renewalsStored()).as("no event stored").isEqualTo(renewalsBefore);
        assertThat(deadlinesBefore).as("no deadline scheduled").containsAll(deadlinesScheduled());
        assertThat(json(http.get("/renewals?alias=" + alias))).as("no renewal listed").isEmpty();

        HttpResponse<String> started = http.post("/renewals", request);
        assertThat(started.statusCode()).isEqualTo(201);
        String renewalId = json(started).path("renewalId").asText();
        ConsumerRecord<String, String> renewalStarted = events.awaitTypes(renewalId, "RenewalStarted").get(0);
        assertThat(ContractJson.read(renewalStarted.value(), JsonNode.class).path("playbook").asText())
                .isEqualTo(plan.at("/playbook/playbook").asText());
        // one partition: whatever the dry run had published would be on the topic before the start's event
        assertThat(events.poll(record -> record.value().contains("\"alias\":\"" + alias + "\"")))
                .as("the alias's events on %s", Topics.RENEWAL_EVENTS)
                .extracting(ConsumerRecord::key).containsOnly(renewalId);
        assertThat(json(http.get("/renewals?alias=" + alias))).extracting(view -> view.path("renewalId").asText())
                .containsExactly(renewalId);
    }

    @Test
    void whatTheDryRunRefusesAtTheStartTheStartRefusesWithTheSameReason() {
        String alias = "acme-dry-run-taken";
        HttpResponse<String> first = http.post("/renewals", body(alias, "acme", ""));
        assertThat(first.statusCode()).isEqualTo(201);

        for (String request : List.of(body(alias, "acme", ""),
                body("acme-dry-run-nobody", "nobody-registered", ",\"purpose\":\"SIGN_INBOUND_RESPONSE\""),
                body("acme-dry-run-negative", "acme", "").replace("P30D", "-P1D"))) {
            JsonNode refusal = json(http.post("/renewals/dry-run", request)).path("refusals").get(0);
            HttpResponse<String> start = http.post("/renewals", request);

            assertThat(refusal.path("step").asText()).isEqualTo("START");
            assertThat(refusal.path("status").asInt()).as(request).isEqualTo(start.statusCode());
            assertThat(refusal.path("title").asText()).isEqualTo(json(start).path("title").asText());
            assertThat(refusal.path("reason").asText()).isEqualTo(json(start).path("detail").asText());
        }
        JsonNode taken = json(http.post("/renewals/dry-run", body(alias, "acme", "")));
        assertThat(taken.path("wouldStart").asBoolean()).isFalse();
        assertThat(taken.at("/refusals/0/reason").asText()).contains(json(first).path("renewalId").asText());
        assertThat(taken.at("/steps/0/step").asText()).as("the plan is still given").isEqualTo("KEY_PAIR_CREATED");
    }

    @Test
    void aPartnerThatCannotConfirmIsNamedAtItsFirstStepAndItsConfirmationIsThenRejectedSo() {
        String alias = "ghost-dry-run";
        String request = body(alias, "ghost", ",\"playbook\":\"TENANT_DECRYPTS_OUTBOUND_RESPONSE\"");
        JsonNode plan = json(http.post("/renewals/dry-run", request));
        assertThat(plan.path("wouldStart").asBoolean()).as("the start does not ask the directory").isTrue();
        assertThat(plan.path("refusals")).hasSize(1);
        JsonNode refusal = plan.path("refusals").get(0);
        assertThat(refusal.path("step").asText()).isEqualTo("PARTNER_SWITCHED_TO_NEW_KEY");

        HttpResponse<String> started = http.post("/renewals", request);
        assertThat(started.statusCode()).isEqualTo(201);
        String renewalId = json(started).path("renewalId").asText();
        kafka.send(new PartnerSystem("ghost", "ghost-2026").confirmation(renewalId, "c-ghost",
                ConfirmationType.SWITCHED_TO_NEW_KEY, Instant.now()));
        ConsumerRecord<String, String> rejected = events.awaitTypes(renewalId, "RenewalStarted",
                "PartnerConfirmationRejected").get(1);
        assertThat(ContractJson.read(rejected.value(), JsonNode.class).path("reason").asText())
                .isEqualTo(refusal.path("reason").asText());

        JsonNode withoutKey = json(http.post("/renewals/dry-run", body("initech-dry-run", "initech",
                ",\"purpose\":\"SIGN_INBOUND_RESPONSE\"")));
        assertThat(withoutKey.at("/playbook/number").asInt()).as("initech verifies one key at a time").isEqualTo(2);
        assertThat(withoutKey.path("refusals")).singleElement().satisfies(noKey -> {
            assertThat(noKey.path("step").asText()).isEqualTo("DOWNTIME_AGREED");
            assertThat(noKey.path("reason").asText()).startsWith("partner initech has no registered confirmation key");
        });
    }

    @Test
    void aMalformedRequestIsRefusedAsTheStartRefusesIt() {
        String request = body("Not An Alias", "acme", ",\"validityDays\":0");

        HttpResponse<String> dryRun = http.post("/renewals/dry-run", request);
        HttpResponse<String> start = http.post("/renewals", request);

        assertThat(dryRun.statusCode()).isEqualTo(400);
        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(json(dryRun).path("errors")).extracting(error -> error.path("field").asText())
                .containsExactlyInAnyOrder("alias", "validityDays");
        assertThat(json(dryRun).path("errors")).containsExactlyInAnyOrderElementsOf(json(start).path("errors"));
        assertThat(http.as("auditor").post("/renewals/dry-run", body("acme-dry-run-auditor", "acme", ""))
                .statusCode()).as("the start's roles").isEqualTo(403);
    }

    private Set<String> renewalsStored() {
        return Set.copyOf(jdbc.queryForList("select distinct aggregate_identifier from domain_event_entry",
                String.class));
    }

    private Set<String> deadlinesScheduled() {
        return Set.copyOf(jdbc.queryForList("select task_name || '/' || task_instance from scheduled_tasks",
                String.class));
    }
}
