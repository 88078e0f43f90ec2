package io.keyrenewal.keystore;

import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.testsupport.ApiDescriptionCheck;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, the API description, health, and no private key material in records, responses or logs.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class KeystoreAccessTest extends KeystoreServiceContext {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theApiDescriptionDocumentsEveryEndpointAndIsReadWithoutCredentials() {
        ApiDescriptionCheck description = new ApiDescriptionCheck("http://127.0.0.1:" + port);

        assertThat(description.undocumented(ApiDescriptionCheck.endpoints(mappings))).isEmpty();
        assertThat(description.roles("POST /keystore/aliases/{alias}/sign")).containsExactly("INTEGRATION_FLOW");
        assertThat(description.roles("GET /keystore/entries")).containsExactly("AUDITOR", "TENANT_ADMIN");
        assertThat(description.statusWithoutCredentials("/swagger-ui/index.html")).isEqualTo(200);
        assertThat(get("/keystore/entries", null).getStatusCode().value()).as("nothing else opens").isEqualTo(401);
    }

    @Test
    void theKeysAreUsedOnlyByTheRolesThatMay() {
        String auditor = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "keystore-auditor:keystore-test".getBytes(StandardCharsets.UTF_8));
        String wrongPassword = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "keystore-test:guess".getBytes(StandardCharsets.UTF_8));
        String sign = "{\"payload\":\"aGVsbG8=\"}";

        assertThat(get("/keystore/entries", null).getStatusCode().value()).isEqualTo(401);
        assertThat(get("/keystore/entries", wrongPassword).getStatusCode().value()).isEqualTo(401);
        assertThat(get("/keystore/entries", auditor).getStatusCode().value()).isEqualTo(200);
        assertThat(post("/keystore/aliases/acme-sign/sign", sign, MediaType.APPLICATION_JSON, auditor)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post("/keystore/aliases/acme-sign/decrypt", "{}", MediaType.APPLICATION_JSON, auditor)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post("/keystore/entries/acme-sign/staged/certificate-chain", "", MediaType.TEXT_PLAIN, auditor)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post("/admin/clock/advance", "{\"duration\":\"PT0S\"}", MediaType.APPLICATION_JSON, auditor)
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> clock = get("/admin/clock", auditor);
        assertThat(clock.getStatusCode().value()).as("the clock is read-only for the auditor").isEqualTo(200);
        assertThat(clock.getBody()).contains("\"now\"").contains("\"movedBy\"");
        ResponseEntity<String> metrics = get("/actuator/prometheus", auditor);
        assertThat(metrics.getStatusCode().value()).as("metrics for the auditor").isEqualTo(200);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
        assertThat(get("/actuator/prometheus", null).getStatusCode().value()).isEqualTo(401);
        assertThat(post("/keystore/aliases/acme-sign/sign", sign, MediaType.APPLICATION_JSON, LOGIN)
                .getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void reportsItselfHealthy() {
        ResponseEntity<String> health = get("/actuator/health");

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"UP\"");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neverPublishesServesOrLogsPrivateKeyMaterial(CapturedOutput output) throws Exception {
        RenewalStarted started = renewalStarted("wonka-decrypt", KeyAlgorithm.RSA_2048);
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);
        awaitReports(publish(new OldKeyPairRemovalDecided(started.renewalId(), "wonka-decrypt",
                generated.previous(), Instant.now())), 1);
        List<String> privateKeys = privateKeyRenditions();
        get("/keystore/entries");
        for (String entryName : Collections.list(loadKeystoreFile().aliases())) {
            get("/keystore/entries/" + entryName + "/certificate");
        }

        List<String> everythingShown = new ArrayList<>(apiResponses);
        for (ConsumerRecord<String, String> record : published.all()) {
            everythingShown.add(record.key() + " " + record.value());
            for (Header header : record.headers()) {
                everythingShown.add(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        everythingShown.add(output.getAll());

        assertThat(everythingShown).as("records, API responses and logs of this test")
                .anySatisfy(text -> assertThat(text).contains(generated.certificate().pem().substring(28, 90)));
        assertThat(privateKeys).isNotEmpty();
        for (String text : everythingShown) {
            assertThat(text).doesNotContain("PRIVATE KEY");
            for (String privateKey : privateKeys) {
                assertThat(text).doesNotContain(privateKey);
            }
        }
    }
}
