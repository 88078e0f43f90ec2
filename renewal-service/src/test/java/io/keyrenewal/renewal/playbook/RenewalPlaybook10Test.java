package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;

/**
 * Playbook 10 (tenant encrypts outbound request, the receiver decrypts with both keys): playbook 8 with the receiver in
 * the sender's place; every step and refusal of {@link RenewalPlaybook6Test} and {@link RenewalPlaybook8Test} runs.
 */
class RenewalPlaybook10Test extends RenewalPlaybook8Test {

    @Override
    Playbook playbook() {
        return Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_DECRYPT_BOTH;
    }

    @Override
    PartnerRole expectedRole() {
        return PartnerRole.RECEIVER_ADMINISTRATOR;
    }
}
