package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.ctl.StandInService.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code renewalctl aliases} over real HTTP, against a stand-in for renewal-service that answers a page of
 * {@code GET /aliases} as the service does: a JSON array, soonest expiry first, and the paging in
 * {@code X-Total-Count} and {@code Link}.
 */
class AliasesCommandTest {

    static final String PAGE = """
            [{"alias":"beta-decrypt","kind":"KEY_PAIR","purpose":"DECRYPT_OUTBOUND_RESPONSE","partnerId":"beta",\
            "certificate":{"sha256":"%1$s","subject":"CN=beta-decrypt","issuer":"CN=beta-decrypt",\
            "serialNumber":"0c","notBefore":"2025-11-19T00:00:00Z","notAfter":"2026-11-19T00:00:00Z"},\
            "daysLeft":-3,"tierReached":7,"policy":null,"renewalStartsAt":null,"openRenewal":null,\
            "lastRenewal":{"renewalId":"5e0a","playbook":"TENANT_DECRYPTS_OUTBOUND_RESPONSE","state":"ROLLED_BACK",\
            "endedAt":"2026-11-10T08:30:00Z"}},
            {"alias":"acme-signer","kind":"KEY_PAIR","purpose":"SIGN_INBOUND_RESPONSE","partnerId":"acme",\
            "certificate":{"sha256":"%1$s","subject":"CN=acme-signer","issuer":"CN=acme-signer",\
            "serialNumber":"1a2b","notBefore":"2026-01-01T00:00:00Z","notAfter":"2027-01-01T00:00:00Z"},\
            "daysLeft":41,"tierReached":60,"policy":"alias:acme-signer","renewalStartsAt":"2026-12-02T00:00:00Z",\
            "openRenewal":{"renewalId":"7d1f0c2e","playbook":"PLAYBOOK_2","startedAt":"2026-12-02T00:00:05Z",\
            "startedByPolicy":true},\
            "lastRenewal":{"renewalId":"3b9c","playbook":"PLAYBOOK_2","state":"COMPLETED",\
            "endedAt":"2026-01-02T12:00:00Z"}},
            {"alias":"acme-verify","kind":"PARTNER_CERTIFICATE","purpose":"VERIFY_INBOUND_REQUEST","partnerId":"acme",\
            "certificate":{"sha256":"%1$s","subject":"CN=acme","issuer":"CN=acme CA","serialNumber":"77",\
            "notBefore":"2026-06-01T00:00:00Z","notAfter":"2027-06-01T00:00:00Z"},\
            "daysLeft":192,"tierReached":null,"policy":"purpose:VERIFY_INBOUND_REQUEST",\
            "renewalStartsAt":"2027-03-03T22:00:00Z","openRenewal":null,"lastRenewal":null},
            {"alias":"spare","kind":"KEY_PAIR","certificate":null}]""".formatted("9f2c".repeat(16));

    StandInService service;

    @BeforeEach
    void startService() {
        service = new StandInService("[]");
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void sendsTheFiltersAndPrintsOneLinePerAliasAsTheServiceOrdersThem() {
        service.answers(200, PAGE, Map.of("X-Total-Count", "4"));

        Run run = service.run("aliases", "--partner", "acme corp", "--purpose", "SIGN_INBOUND_RESPONSE",
                "--expiring-within", "30", "--page", "0", "--size", "50");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(service.requests).extracting(request -> request.method() + " " + request.path() + " "
                + request.query()).containsExactly("GET /aliases partnerId=acme+corp&purpose=SIGN_INBOUND_RESPONSE"
                + "&expiringWithinDays=30&page=0&size=50");
        assertThat(run.out()).isEqualTo("""
                ALIAS         KIND                 PURPOSE                    PARTNER  NOT AFTER   DAYS LEFT       \
                TIER  RENEWAL             LAST
                beta-decrypt  KEY_PAIR             DECRYPT_OUTBOUND_RESPONSE  beta     2026-11-19  EXPIRED 3d ago  \
                7     -                   ROLLED_BACK 2026-11-10
                acme-signer   KEY_PAIR             SIGN_INBOUND_RESPONSE      acme     2027-01-01  41              \
                60    7d1f0c2e (policy)   COMPLETED 2026-01-02
                acme-verify   PARTNER_CERTIFICATE  VERIFY_INBOUND_REQUEST     acme     2027-06-01  192             \
                -     planned 2027-03-03  -
                spare         KEY_PAIR             -                          -        -           -               \
                -     -                   -
                4 of 4 aliases
                """);
    }

    @Test
    void anOpenRenewalStartedByHandIsShownWithoutPolicy() {
        service.answers(200, """
                [{"alias":"acme-signer","kind":"KEY_PAIR","purpose":"SIGN_INBOUND_RESPONSE","partnerId":"acme",\
                "certificate":null,"daysLeft":null,"tierReached":null,"policy":"alias:acme-signer",\
                "renewalStartsAt":"2026-12-02T00:00:00Z","openRenewal":{"renewalId":"7d1f0c2e",\
                "playbook":"PLAYBOOK_2","startedAt":"2026-11-20T10:00:00Z","startedByPolicy":false}}]""");

        Run run = service.run("aliases");

        assertThat(service.requests.get(0).path()).isEqualTo("/aliases");
        assertThat(service.requests.get(0).query()).isNull();
        assertThat(run.out().lines().toList().get(1)).endsWith("7d1f0c2e  -").doesNotContain("policy", "planned");
        assertThat(run.out()).endsWith("1 of 1 aliases\n");
    }

    @Test
    void aPageWithMoreAfterItNamesTheNextPage() {
        service.answers(200, PAGE, Map.of("X-Total-Count", "250", "Link",
                "</aliases?purpose=SIGN_INBOUND_RESPONSE&page=2&size=4>; rel=\"next\", "
                        + "</aliases?purpose=SIGN_INBOUND_RESPONSE&page=0&size=4>; rel=\"prev\""));

        Run run = service.run("aliases", "--purpose", "SIGN_INBOUND_RESPONSE", "--page", "1", "--size", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("\n4 of 250 aliases; next page: --page 2\n");
    }

    @Test
    void theLastPageHasNoNextPage() {
        service.answers(200, PAGE, Map.of("X-Total-Count", "8", "Link", "</aliases?page=0&size=4>; rel=\"prev\""));

        assertThat(service.run("aliases", "--page", "1", "--size", "4").out()).endsWith("\n4 of 8 aliases\n");
    }

    @Test
    void noAliasesSaysSo() {
        service.answers(200, "[]", Map.of("X-Total-Count", "0"));

        assertThat(service.run("aliases", "--partner", "nobody").out()).isEqualTo("no aliases\n");
    }

    @Test
    void jsonPrintsThePageAsTheServiceAnswersItAndTheNextPageApart() throws Exception {
        service.answers(200, PAGE, Map.of("X-Total-Count", "250", "Link", "</aliases?page=1&size=4>; rel=\"next\""));

        Run run = service.run("aliases", "--size", "4", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode printed = ContractJson.mapper().readTree(run.out());
        assertThat(printed).isEqualTo(ContractJson.mapper().readTree(PAGE));
        assertThat(run.err()).isEqualTo("4 of 250 aliases; next page: --page 1\n");
    }

    @Test
    void aRefusedListingExitsWithTheServicesReason() {
        service.answers(400, """
                {"title":"Bad Request","status":400,"detail":"size must be between 1 and 1000, not 5000"}""");

        Run run = service.run("aliases", "--size", "5000");

        assertThat(run.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(run.err()).contains("refused (400): size must be between 1 and 1000, not 5000");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDaysOptionThatIsNoNumberIsAUsageError() {
        Run run = service.run("aliases", "--expiring-within", "soon");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(service.requests).as("nothing sent").isEmpty();
    }

    @Test
    void theNextPageIsReadFromTheLinkWhateverItsOrderAndQuoting() {
        assertThat(RenewalServiceClient.nextPage(List.of("</aliases?page=0&size=10>; rel=\"prev\", "
                + "</aliases?partnerId=acme&page=2&size=10>; rel=\"next\""))).hasValue(2);
        assertThat(RenewalServiceClient.nextPage(List.of("</aliases?page=0>; rel=prev",
                "</aliases?size=10&page=12>;rel=next"))).hasValue(12);
        assertThat(RenewalServiceClient.nextPage(List.of("</aliases?page=0&size=10>; rel=\"prev\"")))
                .isEqualTo(OptionalInt.empty());
        assertThat(RenewalServiceClient.nextPage(List.of())).isEmpty();
    }
}
