package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playbook 7 (tenant verifies outbound response): playbook 6's steps with the receiver in the sender's place, so
 * every step and refusal of {@link RenewalPlaybook6Test} runs for it as a catalogue entry.
 */
class RenewalPlaybook7Test extends RenewalPlaybook6Test {

    @Override
    Playbook playbook() {
        return Playbook.TENANT_VERIFIES_OUTBOUND_RESPONSE;
    }

    @Test
    void asksTheReceiver() {
        assertThat(started.partnerRole()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(requested.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(definition.steps()).isEqualTo(Playbooks.of(Playbook.TENANT_VERIFIES_INBOUND_REQUEST).steps());
    }
}
