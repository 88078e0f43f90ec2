package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code renewalctl start --dry-run} over real HTTP against a stand-in for renewal-service that answers with the plan
 * the service gave for playbook 1 (DryRunIntegrationTest's request, recorded in {@code dry-run-playbook-1.json}).
 */
class DryRunCommandTest {

    static final String PLAN = resource("/dry-run-playbook-1.json");
    static final String ALIAS_TAKEN = "alias acme-signer is already being renewed by renewal"
            + " 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33; one open renewal per alias";

    StandInService service;

    @BeforeEach
    void startService() {
        service = new StandInService(PLAN);
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void printsOneLinePerStepWithWhoTakesItWhatItTakesAndWhoIsToldAndStartsNothing() throws Exception {
        StandInService.Run run = service.run("start", "--dry-run", "--alias", "acme-dry-run-nothing", "--partner",
                "acme", "--guaranteed-delivery", "P30D", "--purpose", "SIGN_INBOUND_RESPONSE");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(
                "playbook 1 TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH (signs inbound response, partner verifies"
                        + " both), for SIGN_INBOUND_RESPONSE and a partner that uses both keys at once",
                "partner acme (SENDER_ADMINISTRATOR), registered; confirmation keys: acme-2026; told on kafka",
                "  1  keystore  KEY_PAIR_CREATED\n",
                "  2  system    CERTIFICATE_PROVIDED              tells SENDER_ADMINISTRATOR CERTIFICATE_PROVIDED"
                        + " (asks VERIFIES_BOTH)\n",
                "  3  partner   PARTNER_VERIFIES_BOTH             confirms VERIFIES_BOTH within P3D (escalated after"
                        + " P6D); tells SENDER_ADMINISTRATOR CONFIRMATION_RECEIVED\n",
                "  4  tenant    EXCHANGE_APPROVED                 needs nothing\n",
                "  9  system    OLD_KEY_PAIR_REMOVAL_DECIDED      not before 2027-02-20T10:00:00Z\n",
                "retention P90D from KEY_PAIR_EXCHANGED: ends 2027-02-20T10:00:00Z at the earliest",
                "abort possible until EXCHANGE_DECIDED; rollback possible until PARTNER_REMOVED_OLD_CERTIFICATE",
                "would start\n");
        assertThat(run.out().lines().filter(line -> line.matches(" *\\d+  .*"))).hasSize(11);
        assertThat(service.requests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/renewals/dry-run");
            JsonNode body = ContractJson.mapper().readTree(request.body());
            assertThat(body.path("alias").asText()).isEqualTo("acme-dry-run-nothing");
            assertThat(body.path("purpose").asText()).isEqualTo("SIGN_INBOUND_RESPONSE");
            assertThat(body.path("guaranteedDeliveryTime").asText()).isEqualTo("P30D");
        });
    }

    @Test
    void aPlanTheStartWouldRefuseExitsAsARefusalWithTheStartsReason() throws Exception {
        service.answers(200, withRefusals(false, """
                [{"step":"START","title":"AliasInRenewal","status":409,"reason":"%s"}]""".formatted(ALIAS_TAKEN)));

        StandInService.Run run = service.run("start", "--dry-run", "--alias", "acme-signer", "--partner", "acme",
                "--guaranteed-delivery", "P30D");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.out()).contains("refused at START (409 AliasInRenewal): " + ALIAS_TAKEN + "\n",
                "would not start\n");
    }

    @Test
    void aPlanThatWouldStopAtAPartnersStepExitsAsARefusalToo() throws Exception {
        service.answers(200, withRefusals(true, """
                [{"step":"PARTNER_VERIFIES_BOTH","title":"Confirmation rejected","status":422,\
                "reason":"partner acme is not registered"}]"""));

        StandInService.Run run = service.run("start", "--dry-run", "--alias", "acme-signer", "--partner", "acme",
                "--guaranteed-delivery", "P30D");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.out()).contains("refused at PARTNER_VERIFIES_BOTH (422 Confirmation rejected): partner acme"
                + " is not registered\n", "would start, but stop where refused\n");
    }

    @Test
    void aMalformedRequestIsRefusedByTheServiceAsTheStartIs() {
        service.answers(400, """
                {"title":"Invalid request","status":400,"detail":"validityDays must be between 1 and 3650 days"}""");

        StandInService.Run run = service.run("start", "--dry-run", "--alias", "acme-signer", "--partner", "acme",
                "--guaranteed-delivery", "P30D", "--validity-days", "0");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.err()).contains("refused (400): validityDays must be between 1 and 3650 days");
    }

    private static String withRefusals(boolean wouldStart, String refusals) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode plan = (com.fasterxml.jackson.databind.node.ObjectNode)
                ContractJson.mapper().readTree(PLAN);
        plan.put("wouldStart", wouldStart);
        plan.set("refusals", ContractJson.mapper().readTree(refusals));
        return plan.toString();
    }

    private static String resource(String name) {
        try (InputStream in = DryRunCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
