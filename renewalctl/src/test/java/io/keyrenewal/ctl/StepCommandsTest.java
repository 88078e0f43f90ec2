package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code renewalctl step} and its aliases over real HTTP, against a stand-in for renewal-service that records each
 * request and answers as the service does (its own behaviour is TenantStepsIntegrationTest's; the two together run in
 * system-tests).
 */
class StepCommandsTest {

    static final String RENEWAL = "7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33";
    static final String DETAIL = """
            {"renewal":{"renewalId":"%s","alias":"acme-sign","playbook":"TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME",\
            "partnerId":"acme","state":"OPEN","awaiting":"DOWNTIME_PROPOSED","nextActor":"tenant",\
            "updatedAt":"2026-11-22T10:00:02Z"},\
            "tenantSteps":[{"step":"DOWNTIME_PROPOSED","needs":["windowStart","windowEnd"]}],"history":[]}"""
            .formatted(RENEWAL);

    StandInService service;

    @BeforeEach
    void startService() {
        service = new StandInService(DETAIL);
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void takesAStepByItsNameWithWhatItNeedsAndPrintsTheRenewalAfterIt() throws Exception {
        StandInService.Run run = run("step", RENEWAL, "downtime-proposed", "--window-start", "2026-12-01T22:00:00Z",
                "--window-end", "2026-12-01T23:00:00Z", "--by", "operator");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(RENEWAL + "  acme-sign", "state OPEN, awaiting DOWNTIME_PROPOSED");
        StandInService.Request request = service.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/renewals/" + RENEWAL + "/steps/downtime-proposed");
        JsonNode body = ContractJson.mapper().readTree(request.body());
        assertThat(body.path("windowStart").asText()).isEqualTo("2026-12-01T22:00:00Z");
        assertThat(body.path("windowEnd").asText()).isEqualTo("2026-12-01T23:00:00Z");
        assertThat(body.path("by").asText()).isEqualTo("operator");
        assertThat(body.path("reason").isNull()).isTrue();
        assertThat(request.authorization()).startsWith("Basic ");
    }

    @Test
    void approveAndConfirmDrainAreAliasesOfTheirSteps() {
        assertThat(run("approve", RENEWAL).exitCode()).isZero();
        assertThat(run("confirm-drain", RENEWAL).exitCode()).isZero();
        assertThat(run("step", RENEWAL, "EXCHANGE_APPROVED").exitCode()).isZero();

        assertThat(service.requests).extracting(StandInService.Request::path).containsExactly(
                "/renewals/" + RENEWAL + "/steps/EXCHANGE_APPROVED", "/renewals/" + RENEWAL + "/steps/DRAIN_CONFIRMED",
                "/renewals/" + RENEWAL + "/steps/EXCHANGE_APPROVED");
        assertThat(service.requests.get(2).body()).as("nothing given: every field left out")
                .isEqualTo("{\"by\":null,\"windowStart\":null,\"windowEnd\":null,\"reason\":null}");
    }

    @Test
    void aRefusedStepExitsWithTheServicesReason() {
        service.answers(400, """
                {"title":"Invalid request","status":400,"detail":"no step is named approve; the tenant steps of\
                 playbook TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH are EXCHANGE_APPROVED"}""");

        StandInService.Run run = run("step", RENEWAL, "approve");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.err()).contains("refused (400): no step is named approve")
                .contains("are EXCHANGE_APPROVED");
    }

    @Test
    void showNamesTheTenantStepsAllowedNowAsCommands() {
        StandInService.Run run = run("show", RENEWAL);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("tenant step now: renewalctl step " + RENEWAL
                + " downtime-proposed --window-start ... --window-end ...");
    }

    @Test
    void theHelpListsTheStepsAndTheirOptions() {
        String help = RenewalCtl.commandLine().getSubcommands().get("step").getUsageMessage();

        assertThat(help).contains("downtime-proposed", "drain-confirmed", "exchange-approved", "--window-start",
                "--window-end", "--by", "--reason");
    }

    private StandInService.Run run(String... args) {
        return service.run(args);
    }
}
