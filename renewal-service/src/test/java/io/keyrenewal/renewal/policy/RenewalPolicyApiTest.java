package io.keyrenewal.renewal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.SharedServiceContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.keyrenewal.renewal.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policies over REST on the shared service: set, changed, read with their history, looked up for an alias,
 * removed; refusals with their reasons; who may do what. Scopes of its own (the purpose DECRYPT_INBOUND_REQUEST is
 * this class's), with the seeded partner initech.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewalPolicyApiTest extends SharedServiceContext {

    static final String ALIAS = "alias:policy-api-decrypt";
    static final String DEFAULT = "purpose:DECRYPT_INBOUND_REQUEST";
    static final String WINDOW = """
            {"cron":"0 0 22 * * SAT","duration":"PT6H","timeZone":"Europe/Zurich"}""";

    @LocalServerPort
    int port;
    Http http;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void aPolicyIsSetChangedReadWithItsHistoryLookedUpForAnAliasAndRemoved() {
        String policy = """
                {"purpose":"DECRYPT_INBOUND_REQUEST","partnerId":"initech","guaranteedDeliveryTime":"P30D",\
                "keyAlgorithm":"RSA_3072","startDaysBeforeExpiry":30,"windows":[%s]}""".formatted(WINDOW);
        JsonNode set = ok(http.as("tenant-admin").put("/policies/" + ALIAS, policy));
        assertThat(set.path("scope").asText()).isEqualTo(ALIAS);
        assertThat(set.path("version").asInt()).isEqualTo(1);
        assertThat(set.path("changedBy").asText()).isEqualTo("tenant-admin");
        assertThat(set.at("/policy/windows/0/timeZone").asText()).isEqualTo("Europe/Zurich");
        assertThat(ok(http.put("/policies/" + ALIAS, policy)).path("version").asInt())
                .as("set as it is: nothing recorded").isEqualTo(1);

        JsonNode changed = ok(http.put("/policies/" + ALIAS, """
                {"purpose":"DECRYPT_INBOUND_REQUEST","partnerId":"initech","guaranteedDeliveryTime":"P30D",\
                "exchangeApproval":"AUTOMATIC","startAtShareOfLifetime":0.66}"""));
        assertThat(changed.path("version").asInt()).isEqualTo(2);
        assertThat(changed.path("changedBy").asText()).isEqualTo("operator");
        assertThat(changed.at("/policy/startAtShareOfLifetime").asDouble()).isEqualTo(0.66);
        assertThat(changed.at("/policy/windows").size()).isZero();
        JsonNode purposeDefault = ok(http.put("/policies/" + DEFAULT, """
                {"guaranteedDeliveryTime":"P14D","startDaysBeforeExpiry":21}"""));
        assertThat(purposeDefault.at("/policy/purpose").asText()).as("taken from the scope")
                .isEqualTo("DECRYPT_INBOUND_REQUEST");

        JsonNode detail = ok(http.as("auditor").get("/policies/" + ALIAS));
        assertThat(detail.at("/current/version").asInt()).isEqualTo(2);
        assertThat(changes(detail)).containsExactly("1 SET by tenant-admin", "2 SET by operator");
        assertThat(detail.at("/history/0/policy/keyAlgorithm").asText()).isEqualTo("RSA_3072");
        assertThat(detail.at("/history/1/policy/exchangeApproval").asText()).isEqualTo("AUTOMATIC");
        assertThat(detail.at("/history/1/at").asText()).isEqualTo(changed.path("changedAt").asText());
        assertThat(scopes(http.get("/policies?purpose=DECRYPT_INBOUND_REQUEST"))).containsExactly(ALIAS, DEFAULT);
        assertThat(scopes(http.get("/policies?partnerId=initech"))).contains(ALIAS).doesNotContain(DEFAULT);

        assertThat(ok(http.get("/policies/effective?alias=policy-api-decrypt&purpose=DECRYPT_INBOUND_REQUEST"))
                .path("scope").asText()).isEqualTo(ALIAS);
        assertThat(ok(http.get("/policies/effective?alias=policy-api-other&purpose=DECRYPT_INBOUND_REQUEST"))
                .path("scope").asText()).as("an alias without a policy of its own").isEqualTo(DEFAULT);
        HttpResponse<String> none = http.get("/policies/effective?alias=policy-api-other&purpose=SIGN_OUTBOUND_REQUEST");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).path("detail").asText()).isEqualTo("no policy applies to alias policy-api-other: it has"
                + " none of its own and SIGN_OUTBOUND_REQUEST has no default");

        JsonNode removed = ok(http.delete("/policies/" + ALIAS));
        assertThat(removed.path("removed").asBoolean()).isTrue();
        assertThat(removed.path("version").asInt()).isEqualTo(3);
        HttpResponse<String> again = http.delete("/policies/" + ALIAS);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again).path("detail").asText()).isEqualTo("the policy of " + ALIAS + " was removed (version"
                + " 3); there is nothing to remove");
        assertThat(ok(http.get("/policies/effective?alias=policy-api-decrypt&purpose=DECRYPT_INBOUND_REQUEST"))
                .path("scope").asText()).as("falls back to the purpose's default").isEqualTo(DEFAULT);
        JsonNode afterRemoval = ok(http.get("/policies/" + ALIAS));
        assertThat(afterRemoval.path("current").isNull()).isTrue();
        assertThat(changes(afterRemoval)).containsExactly("1 SET by tenant-admin", "2 SET by operator",
                "3 REMOVED by operator");
        assertThat(scopes(http.get("/policies?purpose=DECRYPT_INBOUND_REQUEST"))).containsExactly(DEFAULT);
    }

    @Test
    void aPolicyThatBreaksTheRulesIsRefusedWithEachReasonAndNothingIsStored() {
        HttpResponse<String> refused = http.put("/policies/alias:policy-api-refused", """
                {"purpose":"SIGN_INBOUND_RESPONSE","partnerId":"initech","guaranteedDeliveryTime":"P30D",\
                "playbook":"TENANT_DECRYPTS_OUTBOUND_RESPONSE","startDaysBeforeExpiry":30,\
                "windows":[{"cron":"0 22 * * SAT","duration":"PT6H","timeZone":"CEST"}]}""");

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = json(refused);
        assertThat(problem.path("title").asText()).isEqualTo("InvalidPolicy");
        assertThat(problem.path("detail").asText()).contains("playbook TENANT_DECRYPTS_OUTBOUND_RESPONSE renews a key"
                + " for DECRYPT_OUTBOUND_RESPONSE, not for SIGN_INBOUND_RESPONSE");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactly("playbook", "windows[0].cron", "windows[0].timeZone");
        assertThat(http.get("/policies/alias:policy-api-refused").statusCode()).isEqualTo(404);

        HttpResponse<String> unregistered = http.put("/policies/alias:policy-api-refused", """
                {"purpose":"SIGN_INBOUND_RESPONSE","partnerId":"hooli","guaranteedDeliveryTime":"P30D",\
                "startDaysBeforeExpiry":30}""");
        assertThat(unregistered.statusCode()).isEqualTo(422);
        assertThat(json(unregistered).path("detail").asText()).isEqualTo("partnerId names partner hooli, which is"
                + " not registered: register it first (POST /partners)");

        HttpResponse<String> noScope = http.put("/policies/policy-api-refused", "{}");
        assertThat(noScope.statusCode()).isEqualTo(400);
        assertThat(json(noScope).path("detail").asText()).contains("must be alias:<alias>");
        HttpResponse<String> unreadable = http.put("/policies/alias:policy-api-refused", """
                {"purpose":"SIGN_INBOUND_RESPONSE","startDaysBeforeExpiry":"soon"}""");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(json(unreadable).path("detail").asText()).startsWith("startDaysBeforeExpiry has an invalid value");
    }

    @Test
    void theAuditorReadsPoliciesButOnlyTheTenantAdministratorChangesThem() {
        String policy = """
                {"purpose":"DECRYPT_OUTBOUND_RESPONSE","partnerId":"initech","guaranteedDeliveryTime":"P30D",\
                "startDaysBeforeExpiry":30}""";

        assertThat(http.as("auditor").put("/policies/alias:policy-api-roles", policy).statusCode()).isEqualTo(403);
        assertThat(http.as("acme").get("/policies").statusCode()).isEqualTo(403);
        assertThat(http.as("tenant-admin").put("/policies/alias:policy-api-roles", policy).statusCode())
                .isEqualTo(200);
        assertThat(http.as("auditor").get("/policies/alias:policy-api-roles").statusCode()).isEqualTo(200);
        assertThat(http.as("auditor").delete("/policies/alias:policy-api-roles").statusCode()).isEqualTo(403);
        assertThat(http.as("tenant-admin").delete("/policies/alias:policy-api-roles").statusCode()).isEqualTo(200);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> changes(JsonNode detail) {
        List<String> changes = new ArrayList<>();
        detail.path("history").forEach(change -> changes.add(change.path("version").asInt() + " "
                + change.path("change").asText() + " by " + change.path("by").asText()));
        return changes;
    }

    private static List<String> scopes(HttpResponse<String> list) {
        List<String> scopes = new ArrayList<>();
        ok(list).forEach(view -> scopes.add(view.path("scope").asText()));
        return scopes;
    }
}
