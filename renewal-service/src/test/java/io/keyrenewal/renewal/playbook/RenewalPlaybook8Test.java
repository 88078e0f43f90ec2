package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.support.PartnerKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playbook 8 (tenant encrypts inbound response, the sender decrypts with both keys): playbook 6's steps with the
 * certificate encrypted to, so every step and refusal of {@link RenewalPlaybook6Test} runs for it as a catalogue entry,
 * with an RSA certificate; an EC certificate, which the tenant cannot encrypt to, is refused.
 */
class RenewalPlaybook8Test extends RenewalPlaybook6Test {

    @Override
    Playbook playbook() {
        return Playbook.TENANT_ENCRYPTS_INBOUND_RESPONSE_DECRYPT_BOTH;
    }

    @Test
    void everyEventSaysTheTenantEncryptsToTheCertificate() {
        assertThat(started.partnerCertificateUse()).isEqualTo(PartnerCertificateUse.ENCRYPT_TO_PARTNER);
        assertThat(requested.use()).isEqualTo(PartnerCertificateUse.ENCRYPT_TO_PARTNER);
        assertThat(received.use()).isEqualTo(PartnerCertificateUse.ENCRYPT_TO_PARTNER);
        assertThat(imported.use()).isEqualTo(PartnerCertificateUse.ENCRYPT_TO_PARTNER);
        assertThat(imported.retainPreviousUntil()).as("retained from the switch, as in playbook 6").isNull();
        assertThat(definition.steps()).isEqualTo(Playbooks.of(Playbook.TENANT_VERIFIES_INBOUND_REQUEST).steps());
        assertThat(started.partnerRole()).isEqualTo(expectedRole());
    }

    PartnerRole expectedRole() {
        return PartnerRole.SENDER_ADMINISTRATOR;
    }

    @Test
    void refusesAnEcCertificateBecauseTheTenantEncryptsOnlyToRsa() {
        assertRefused(EC_PEM, "the tenant encrypts to this partner, and encryption needs an RSA key");
        assertRefused(PartnerKeys.certificate("CN=acme p384", PartnerKeys.ec("secp384r1"),
                SENT.minusSeconds(3600), SENT.plus(java.time.Duration.ofDays(365)), false), "needs an RSA key");
    }
}
