package io.keyrenewal.contracts.policy;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.Playbook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A policy's scope names an alias or a purpose; its events survive the event store's JSON as written. */
class PolicyContractsTest {

    static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");

    @Test
    void aScopeNamesAnAliasOrAPurpose() {
        PolicyScope alias = new PolicyScope("alias:acme-response-signer");
        PolicyScope purpose = PolicyScope.ofPurpose(KeyPurpose.SIGN_INBOUND_RESPONSE);

        assertThat(alias.alias()).contains("acme-response-signer");
        assertThat(alias.purpose()).isEmpty();
        assertThat(alias).isEqualTo(PolicyScope.ofAlias("acme-response-signer"));
        assertThat(purpose.value()).isEqualTo("purpose:SIGN_INBOUND_RESPONSE");
        assertThat(purpose.purpose()).contains(KeyPurpose.SIGN_INBOUND_RESPONSE);
        assertThat(purpose.alias()).isEmpty();
    }

    @Test
    void aScopeThatNamesNeitherAWellFormedAliasNorAPurposeIsRefusedWithTheForms() {
        assertThatThrownBy(() -> new PolicyScope("acme-response-signer"))
                .hasMessageContaining("must be alias:<alias>").hasMessageContaining("purpose:<purpose>");
        assertThatThrownBy(() -> new PolicyScope("alias:Acme")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> new PolicyScope("alias:-acme")).hasMessageContaining("starting with a letter");
        assertThatThrownBy(() -> PolicyScope.ofAlias("a".repeat(65))).hasMessageContaining("1-64");
        assertThatThrownBy(() -> new PolicyScope("purpose:SIGN_EVERYTHING"))
                .hasMessageContaining("SIGN_EVERYTHING is not a purpose").hasMessageContaining("SIGN_INBOUND_RESPONSE");
        assertThat(PolicyScope.ofAlias("a".repeat(64)).alias()).contains("a".repeat(64));
    }

    @Test
    void policyEventsSurviveTheRoundTripWithTheScopeAsText() {
        PolicyDefinition policy = new PolicyDefinition(KeyPurpose.SIGN_INBOUND_RESPONSE,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, new PartnerId("acme"), null, "CN=acme-sign",
                397, null, Duration.ofDays(30), ExchangeApproval.AUTOMATIC, null, 0.66,
                List.of(new RenewalWindow("0 0 22 * * SAT", Duration.ofHours(6), "Europe/Zurich")));
        RenewalPolicySet set = new RenewalPolicySet(PolicyScope.ofAlias("acme-sign"), policy, 1, "operator", AT);
        RenewalPolicyRemoved removed = new RenewalPolicyRemoved(PolicyScope.ofAlias("acme-sign"), 2, "operator", AT);

        String json = ContractJson.write(set);

        assertThat(json).contains("\"scope\":\"alias:acme-sign\"", "\"startAtShareOfLifetime\":0.66",
                "\"duration\":\"PT6H\"", "\"timeZone\":\"Europe/Zurich\"");
        assertThat(ContractJson.read(json, RenewalPolicySet.class)).isEqualTo(set);
        assertThat(ContractJson.read(ContractJson.write(removed), RenewalPolicyRemoved.class)).isEqualTo(removed);
    }

    @Test
    void aPolicyWithoutWindowsHasNoneAndAnEmptyWindowIsRefused() {
        PolicyDefinition policy = new PolicyDefinition(KeyPurpose.DECRYPT_OUTBOUND_RESPONSE, null, null, null, null,
                null, null, Duration.ofDays(30), null, 30, null, null);

        assertThat(policy.windows()).isEmpty();
        assertThatThrownBy(() -> new PolicyDefinition(KeyPurpose.DECRYPT_OUTBOUND_RESPONSE, null, null, null, null,
                null, null, Duration.ofDays(30), null, 30, null, java.util.Arrays.asList((RenewalWindow) null)))
                .hasMessageContaining("windows must not hold an empty window");
        assertThat(ContractJson.read(ContractJson.write(policy), PolicyDefinition.class)).isEqualTo(policy);
    }
}
