package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.ctl.StandInService.Request;
import io.keyrenewal.ctl.StandInService.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code renewalctl policy} over real HTTP, against a stand-in for renewal-service that records each request and
 * answers as the service does (the service's own behaviour is RenewalPolicyApiTest's).
 */
class PolicyCommandsTest {

    static final String POLICY = """
            {"purpose":"SIGN_INBOUND_RESPONSE","playbook":null,"partnerId":"acme","keyAlgorithm":null,\
            "subjectDn":null,"validityDays":null,"certificateSource":null,"guaranteedDeliveryTime":"PT720H",\
            "exchangeApproval":"AUTOMATIC","startDaysBeforeExpiry":null,"startAtShareOfLifetime":0.66,\
            "windows":[{"cron":"0 0 22 * * SAT","duration":"PT6H","timeZone":"Europe/Zurich"}]}""";
    static final String VIEW = """
            {"scope":"alias:acme-sign","version":2,"policy":%s,"removed":false,"changedBy":"operator",\
            "changedAt":"2026-11-22T10:00:00Z"}""".formatted(POLICY);

    StandInService service;

    @BeforeEach
    void startService() {
        service = new StandInService(VIEW);
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void setSendsTheWholePolicyWithItsWindowsAndPrintsItAsSet() throws Exception {
        Run run = service.run("policy", "set", "alias:acme-sign", "--purpose", "SIGN_INBOUND_RESPONSE",
                "--partner", "acme", "--guaranteed-delivery", "P30D", "--start-at-share", "0.66", "--automatic",
                "--window", "0 0 22 * * SAT;PT6H;Europe/Zurich", "--window", "0 0 2 * * SUN; PT2H ;UTC");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Request request = service.requests.get(0);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/policies/alias:acme-sign");
        JsonNode body = ContractJson.mapper().readTree(request.body());
        assertThat(body.path("purpose").asText()).isEqualTo("SIGN_INBOUND_RESPONSE");
        assertThat(body.path("partnerId").asText()).isEqualTo("acme");
        assertThat(body.path("guaranteedDeliveryTime").asText()).isEqualTo("P30D");
        assertThat(body.path("exchangeApproval").asText()).isEqualTo("AUTOMATIC");
        assertThat(body.path("startAtShareOfLifetime").asDouble()).isEqualTo(0.66);
        assertThat(body.path("startDaysBeforeExpiry").isNull()).isTrue();
        assertThat(body.path("windows").toString()).isEqualTo("[{\"cron\":\"0 0 22 * * SAT\",\"duration\":\"PT6H\","
                + "\"timeZone\":\"Europe/Zurich\"},{\"cron\":\"0 0 2 * * SUN\",\"duration\":\"PT2H\","
                + "\"timeZone\":\"UTC\"}]");
        assertThat(run.out()).contains("alias:acme-sign  version 2  set by operator at 2026-11-22T10:00:00Z",
                "SIGN_INBOUND_RESPONSE, partner acme, playbook by the partner's capability, start at 0.66 of the"
                        + " lifetime, windows 0 0 22 * * SAT for PT6H (Europe/Zurich)");
    }

    @Test
    void setTakesExactlyOneStartRuleAndWindowsOfThreeParts() {
        Run both = service.run("policy", "set", "purpose:SIGN_INBOUND_RESPONSE", "--guaranteed-delivery", "P30D",
                "--start-days-before-expiry", "30", "--start-at-share", "0.66");
        Run none = service.run("policy", "set", "purpose:SIGN_INBOUND_RESPONSE", "--guaranteed-delivery", "P30D");
        Run badWindow = service.run("policy", "set", "purpose:SIGN_INBOUND_RESPONSE", "--guaranteed-delivery", "P30D",
                "--start-days-before-expiry", "30", "--window", "0 0 22 * * SAT;PT6H");

        assertThat(both.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(none.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(none.err()).contains("--start-days-before-expiry", "--start-at-share");
        assertThat(badWindow.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badWindow.err()).contains("must be 'CRON;DURATION;ZONE'");
        assertThat(service.requests).as("nothing sent").isEmpty();
    }

    @Test
    void getPrintsThePolicyAndEveryChangeWithWhoAndWhen() {
        service.answers(200, """
                {"current":%s,"history":[{"version":1,"change":"SET","by":"tenant-admin",\
                "at":"2026-11-20T09:00:00Z","policy":%s},{"version":2,"change":"SET","by":"operator",\
                "at":"2026-11-22T10:00:00Z","policy":%s}]}""".formatted(VIEW, POLICY, POLICY));

        Run run = service.run("policy", "get", "alias:acme-sign");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(service.requests.get(0).path()).isEqualTo("/policies/alias:acme-sign");
        assertThat(run.out()).contains("alias:acme-sign  version 2  set by operator",
                "    1  2026-11-20T09:00:00Z      SET      tenant-admin  SIGN_INBOUND_RESPONSE, partner acme",
                "    2  2026-11-22T10:00:00Z      SET      operator  SIGN_INBOUND_RESPONSE");
    }

    @Test
    void listEffectiveAndRemoveAskTheServiceAndPrintWhatItAnswers() {
        service.answers(200, "[" + VIEW + "]");
        assertThat(service.run("policy", "list", "--purpose", "SIGN_INBOUND_RESPONSE", "--partner", "acme").out())
                .contains("alias:acme-sign  version 2");
        service.answers(200, VIEW);
        assertThat(service.run("policy", "effective", "--alias", "acme-sign", "--purpose", "SIGN_INBOUND_RESPONSE")
                .exitCode()).isZero();
        service.answers(200, """
                {"scope":"alias:acme-sign","version":3,"policy":null,"removed":true,"changedBy":"operator",\
                "changedAt":"2026-11-23T08:00:00Z"}""");
        assertThat(service.run("policy", "remove", "alias:acme-sign").out())
                .isEqualTo("alias:acme-sign  version 3  removed by operator at 2026-11-23T08:00:00Z\n");

        assertThat(service.requests)
                .extracting(request -> request.method() + " " + request.path() + " " + request.query())
                .containsExactly("GET /policies purpose=SIGN_INBOUND_RESPONSE&partnerId=acme",
                        "GET /policies/effective alias=acme-sign&purpose=SIGN_INBOUND_RESPONSE",
                        "DELETE /policies/alias:acme-sign null");
    }

    @Test
    void aRefusedPolicyExitsWithTheServicesReasons() {
        service.answers(422, """
                {"title":"InvalidPolicy","status":422,"detail":"windows[0].timeZone is not an IANA time zone id\
                 (e.g. Europe/Zurich, UTC): CEST"}""");

        Run run = service.run("policy", "set", "alias:acme-sign", "--purpose", "SIGN_INBOUND_RESPONSE",
                "--partner", "acme", "--guaranteed-delivery", "P30D", "--start-days-before-expiry", "30",
                "--window", "0 0 22 * * SAT;PT6H;CEST");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.err()).contains("refused (422): windows[0].timeZone is not an IANA time zone id");
    }
}
