package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code renewalctl start --dry-run} over real HTTP against a stand-in for renewal-service that answers with the plan
 * the service gave for playbook 1 (DryRunIntegrationTest's request, recorded in {@code dry-run-playbook-1.json}), and
 * that stands in for notification-service's preview of the plan's messages too.
 */
class DryRunCommandTest {

    static final String PLAN = resource("/dry-run-playbook-1.json");
    static final String ALIAS_TAKEN = "alias acme-signer is already being renewed by renewal"
            + " 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33; one open renewal per alias";

    /**
     * What notification-service answers for the plan: a message with placeholders and an attachment, one it renders
     * whole, one it cannot render (shortened).
     */
    static final String PREVIEW = """
            [{"step":"CERTIFICATE_PROVIDED","event":"CertificateProvided","recipient":"SENDER_ADMINISTRATOR",\
            "kind":"CERTIFICATE_PROVIDED","subject":"Action required: new certificate of the tenant for alias\
             acme-dry-run-nothing","text":"SHA-256 fingerprint: <SHA-256 of the new certificate: known once the\
             keystore made it>\\n","placeholders":[{"name":"<SHA-256 of the new certificate: known once the keystore\
             made it>","meaning":"the SHA-256 fingerprint of the tenant's new certificate"}],\
            "attachments":[{"name":"acme-dry-run-nothing-<serial number of the new certificate>.pem",\
            "placeholder":true}]},\
            {"step":"PARTNER_VERIFIES_BOTH","event":"PartnerVerifiesBoth","recipient":"SENDER_ADMINISTRATOR",\
            "kind":"CONFIRMATION_RECEIVED","subject":"Confirmation received: VERIFIES_BOTH for alias\
             acme-dry-run-nothing","text":"Hello sender administrator of partner acme,\\n\\nThe tenant accepted\
             your confirmation.\\n","placeholders":[],"attachments":[]},\
            {"step":"PARTNER_REMOVED_OLD_CERTIFICATE","event":"PartnerRemovedOldCertificate",\
            "recipient":"SENDER_ADMINISTRATOR","kind":"CONFIRMATION_RECEIVED","subject":null,"text":null,\
            "placeholders":[],"attachments":[],"reason":"it shows what only the real renewal will know in a form\
             the preview cannot mark with a placeholder"}]""";

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
        StandInService.Run run = dryRun("--alias", "acme-dry-run-nothing", "--partner",
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
        assertThat(service.requests).extracting(StandInService.Request::path).as("no POST /renewals")
                .containsExactly("/renewals/dry-run", "/notifications/preview");
        assertThat(service.requests.get(0)).satisfies(request -> {
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

        StandInService.Run run = dryRun("--alias", "acme-signer", "--partner", "acme",
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

        StandInService.Run run = dryRun("--alias", "acme-signer", "--partner", "acme",
                "--guaranteed-delivery", "P30D");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.out()).contains("refused at PARTNER_VERIFIES_BOTH (422 Confirmation rejected): partner acme"
                + " is not registered\n", "would start, but stop where refused\n");
    }

    @Test
    void aMalformedRequestIsRefusedByTheServiceAsTheStartIs() {
        service.answers(400, """
                {"title":"Invalid request","status":400,"detail":"validityDays must be between 1 and 3650 days"}""");

        StandInService.Run run = dryRun("--alias", "acme-signer", "--partner", "acme",
                "--guaranteed-delivery", "P30D", "--validity-days", "0");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.err()).contains("refused (400): validityDays must be between 1 and 3650 days");
    }

    @Test
    void printsEachPlannedMessageAsNotificationServiceRendersItWithTheSameCredentials() throws Exception {
        service.answers("/notifications/preview", 200, PREVIEW);

        StandInService.Run run = dryRun("--alias", "acme-dry-run-nothing", "--partner", "acme",
                "--guaranteed-delivery", "P30D");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("would start\n"
                        + "messages each party would receive, as notification-service renders them (3):\n",
                "-- CERTIFICATE_PROVIDED: CertificateProvided to SENDER_ADMINISTRATOR (CERTIFICATE_PROVIDED)\n"
                        + "    Subject: Action required: new certificate of the tenant for alias acme-dry-run-nothing\n"
                        + "    SHA-256 fingerprint: <SHA-256 of the new certificate: known once the keystore made it>\n"
                        + "    Attached: acme-dry-run-nothing-<serial number of the new certificate>.pem (made when the"
                        + " renewal runs)\n",
                "-- PARTNER_REMOVED_OLD_CERTIFICATE: PartnerRemovedOldCertificate to SENDER_ADMINISTRATOR"
                        + " (CONFIRMATION_RECEIVED)\n"
                        + "    not rendered: it shows what only the real renewal will know in a form the preview"
                        + " cannot mark with a placeholder\n",
                "-- PARTNER_VERIFIES_BOTH: PartnerVerifiesBoth to SENDER_ADMINISTRATOR (CONFIRMATION_RECEIVED)\n"
                        + "    Subject: Confirmation received: VERIFIES_BOTH for alias acme-dry-run-nothing\n"
                        + "    Hello sender administrator of partner acme,\n"
                        + "\n"
                        + "    The tenant accepted your confirmation.\n");
        assertThat(service.requests).hasSize(2);
        StandInService.Request planned = service.requests.get(0);
        StandInService.Request preview = service.requests.get(1);
        assertThat(preview.method()).isEqualTo("POST");
        assertThat(preview.path()).isEqualTo("/notifications/preview");
        assertThat(ContractJson.mapper().readTree(preview.body())).as("the plan as the dry run answered it")
                .isEqualTo(ContractJson.mapper().readTree(PLAN));
        assertThat(preview.authorization()).isNotBlank().isEqualTo(planned.authorization());
    }

    @Test
    void withoutNotificationServiceItPrintsThePlanAndOneLineWhyTheMessagesAreNotRendered() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        StandInService.Run run = service.run("start", "--dry-run", "--notification-url",
                "http://127.0.0.1:" + closedPort, "--alias", "acme-dry-run-nothing", "--partner", "acme",
                "--guaranteed-delivery", "P30D");

        assertThat(run.exitCode()).as("the plan's, unchanged").isZero();
        assertThat(run.out()).contains("would start\nthe messages could not be rendered: cannot reach"
                + " notification-service at http://127.0.0.1:" + closedPort);
        assertThat(run.out().lines().filter(line -> line.startsWith("the messages could not be rendered")))
                .hasSize(1);
    }

    @Test
    void aRefusalOfThePreviewIsTheOneLineToo() {
        service.answers("/notifications/preview", 403, """
                {"title":"Forbidden","status":403}""");

        StandInService.Run run = dryRun("--alias", "acme-dry-run-nothing", "--partner", "acme",
                "--guaranteed-delivery", "P30D");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("would start\nthe messages could not be rendered: your user's role may not"
                + " do this\n");
    }

    /** {@code start --dry-run} with the stand-in as notification-service too. */
    private StandInService.Run dryRun(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "start";
        all[1] = "--dry-run";
        all[2] = "--notification-url";
        all[3] = service.url();
        System.arraycopy(args, 0, all, 4, args.length);
        return service.run(all);
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
