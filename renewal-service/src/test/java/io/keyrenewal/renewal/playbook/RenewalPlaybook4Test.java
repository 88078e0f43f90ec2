package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playbook 4 (tenant decrypts inbound request): playbook 3's steps with the sender in the receiver's place, so every
 * step and refusal of {@link RenewalPlaybook3Test} runs for it as a catalogue entry, without aggregate code of its own.
 */
class RenewalPlaybook4Test extends RenewalPlaybook3Test {

    @Override
    Playbook playbook() {
        return Playbook.TENANT_DECRYPTS_INBOUND_REQUEST;
    }

    @Test
    void asksTheSenderAndActivatesTheNewKeyPairAtOnce() {
        assertThat(started.partnerRole()).isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
        assertThat(provided.recipient()).isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
        assertThat(started.newKeyPair()).isEqualTo(io.keyrenewal.contracts.renewal.KeyPairActivation.ACTIVE_AT_ONCE);
        assertThat(definition.steps()).isEqualTo(Playbooks.of(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE).steps());
    }
}
