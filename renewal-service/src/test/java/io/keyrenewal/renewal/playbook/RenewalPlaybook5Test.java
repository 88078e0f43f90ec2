package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playbook 5 (tenant signs outbound request, the receiver verifies both): playbook 1's steps with the receiver in the
 * sender's place, so every step and refusal of {@link RenewalPlaybook1Test} runs for it as a catalogue entry, without
 * aggregate code of its own.
 */
class RenewalPlaybook5Test extends RenewalPlaybook1Test {

    @Override
    Playbook playbook() {
        return Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_VERIFY_BOTH;
    }

    @Test
    void asksTheReceiverAndStagesTheNewKeyPairUntilTheExchange() {
        assertThat(started.partnerRole()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(provided.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(informed.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(started.newKeyPair()).isEqualTo(KeyPairActivation.STAGED_UNTIL_EXCHANGE);
        assertThat(definition.steps()).isEqualTo(Playbooks.of(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH)
                .steps());
    }
}
