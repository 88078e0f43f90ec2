package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.keyrenewal.contracts.ContractJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    record Request(String method, String path, String query, String body) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    HttpServer service;
    volatile int status = 200;
    volatile String answer = VIEW;

    @BeforeEach
    void startService() throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    @Test
    void setSendsTheWholePolicyWithItsWindowsAndPrintsItAsSet() throws Exception {
        Run run = run("policy", "set", "alias:acme-sign", "--purpose", "SIGN_INBOUND_RESPONSE", "--partner", "acme",
                "--guaranteed-delivery", "P30D", "--start-at-share", "0.66", "--automatic",
                "--window", "0 0 22 * * SAT;PT6H;Europe/Zurich", "--window", "0 0 2 * * SUN; PT2H ;UTC");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Request request = requests.get(0);
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
                + "\"timeZone\":\"Europe/Zurich\"},{\"cron\":\"0 0 2 * * SUN\",\"duration\":\"PT2H\",\"timeZone\":\"UTC\"}]");
        assertThat(run.out()).contains("alias:acme-sign  version 2  set by operator at 2026-11-22T10:00:00Z",
                "SIGN_INBOUND_RESPONSE, partner acme, playbook by the partner's capability, start at 0.66 of the"
                        + " lifetime, windows 0 0 22 * * SAT for PT6H (Europe/Zurich)");
    }

    @Test
    void setTakesExactlyOneStartRuleAndWindowsOfThreeParts() {
        Run both = run("policy", "set", "purpose:SIGN_INBOUND_RESPONSE", "--guaranteed-delivery", "P30D",
                "--start-days-before-expiry", "30", "--start-at-share", "0.66");
        Run none = run("policy", "set", "purpose:SIGN_INBOUND_RESPONSE", "--guaranteed-delivery", "P30D");
        Run badWindow = run("policy", "set", "purpose:SIGN_INBOUND_RESPONSE", "--guaranteed-delivery", "P30D",
                "--start-days-before-expiry", "30", "--window", "0 0 22 * * SAT;PT6H");

        assertThat(both.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(none.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(none.err()).contains("--start-days-before-expiry", "--start-at-share");
        assertThat(badWindow.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badWindow.err()).contains("must be 'CRON;DURATION;ZONE'");
        assertThat(requests).as("nothing sent").isEmpty();
    }

    @Test
    void getPrintsThePolicyAndEveryChangeWithWhoAndWhen() {
        answer = """
                {"current":%s,"history":[{"version":1,"change":"SET","by":"tenant-admin",\
                "at":"2026-11-20T09:00:00Z","policy":%s},{"version":2,"change":"SET","by":"operator",\
                "at":"2026-11-22T10:00:00Z","policy":%s}]}""".formatted(VIEW, POLICY, POLICY);

        Run run = run("policy", "get", "alias:acme-sign");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(requests.get(0).path()).isEqualTo("/policies/alias:acme-sign");
        assertThat(run.out()).contains("alias:acme-sign  version 2  set by operator",
                "    1  2026-11-20T09:00:00Z      SET      tenant-admin  SIGN_INBOUND_RESPONSE, partner acme",
                "    2  2026-11-22T10:00:00Z      SET      operator  SIGN_INBOUND_RESPONSE");
    }

    @Test
    void listEffectiveAndRemoveAskTheServiceAndPrintWhatItAnswers() {
        answer = "[" + VIEW + "]";
        assertThat(run("policy", "list", "--purpose", "SIGN_INBOUND_RESPONSE", "--partner", "acme").out())
                .contains("alias:acme-sign  version 2");
        answer = VIEW;
        assertThat(run("policy", "effective", "--alias", "acme-sign", "--purpose", "SIGN_INBOUND_RESPONSE")
                .exitCode()).isZero();
        answer = """
                {"scope":"alias:acme-sign","version":3,"policy":null,"removed":true,"changedBy":"operator",\
                "changedAt":"2026-11-23T08:00:00Z"}""";
        assertThat(run("policy", "remove", "alias:acme-sign").out())
                .isEqualTo("alias:acme-sign  version 3  removed by operator at 2026-11-23T08:00:00Z\n");

        assertThat(requests).extracting(request -> request.method() + " " + request.path() + " " + request.query())
                .containsExactly("GET /policies purpose=SIGN_INBOUND_RESPONSE&partnerId=acme",
                        "GET /policies/effective alias=acme-sign&purpose=SIGN_INBOUND_RESPONSE",
                        "DELETE /policies/alias:acme-sign null");
    }

    @Test
    void aRefusedPolicyExitsWithTheServicesReasons() {
        status = 422;
        answer = """
                {"title":"InvalidPolicy","status":422,"detail":"windows[0].timeZone is not an IANA time zone id\
                 (e.g. Europe/Zurich, UTC): CEST"}""";

        Run run = run("policy", "set", "alias:acme-sign", "--purpose", "SIGN_INBOUND_RESPONSE", "--partner", "acme",
                "--guaranteed-delivery", "P30D", "--start-days-before-expiry", "30", "--window", "0 0 22 * * SAT;PT6H;CEST");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.err()).contains("refused (422): windows[0].timeZone is not an IANA time zone id");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RenewalCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] withUrl = new String[args.length + 2];
        withUrl[0] = "--url";
        withUrl[1] = "http://127.0.0.1:" + service.getAddress().getPort();
        System.arraycopy(args, 0, withUrl, 2, args.length);
        int exitCode = commandLine.execute(withUrl);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
