package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.renewal.Playbook;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue chooses the playbook of a start request that names none, from its purpose and the partner. */
class PlaybooksTest {

    private static final Supplier<Boolean> NOT_TO_BE_ASKED = () -> {
        throw new AssertionError("the partner's capability was asked for a purpose with one playbook");
    };

    @Test
    void aPurposeWithOnePlaybookChoosesItWithoutAskingThePartner() {
        assertThat(Playbooks.forPurpose(KeyPurpose.DECRYPT_OUTBOUND_RESPONSE, NOT_TO_BE_ASKED).playbook())
                .isEqualTo(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE);
    }

    @Test
    void aPurposeWithAPlaybookPerCapabilityChoosesByThePartner() {
        assertThat(Playbooks.forPurpose(KeyPurpose.SIGN_INBOUND_RESPONSE, () -> true).playbook())
                .isEqualTo(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        assertThat(Playbooks.forPurpose(KeyPurpose.SIGN_INBOUND_RESPONSE, () -> false).playbook())
                .isEqualTo(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME);
    }

    @Test
    void aPurposeWhoseDowntimePlaybookIsNotInTheCatalogueYetRefusesAPartnerThatUsesOneKeyAtATimeSayingSo() {
        assertThat(Playbooks.forPurpose(KeyPurpose.SIGN_OUTBOUND_REQUEST, () -> true).playbook())
                .isEqualTo(Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_VERIFY_BOTH);
        assertThatThrownBy(() -> Playbooks.forPurpose(KeyPurpose.SIGN_OUTBOUND_REQUEST, () -> false))
                .isInstanceOf(RenewalRefused.PlaybookNotSupported.class)
                .hasMessage("no playbook of the catalogue renews a key to SIGN_OUTBOUND_REQUEST with a partner that"
                        + " does not use both keys at once");
    }

    @Test
    void everyPurposeHasAPlaybookForEveryPartnerAndEveryPlaybookItsOwnNumber() {
        for (KeyPurpose purpose : KeyPurpose.values()) {
            for (boolean usesBothKeys : new boolean[]{true, false}) {
                if (purpose == KeyPurpose.SIGN_OUTBOUND_REQUEST && !usesBothKeys) {
                    continue; // its downtime playbook comes later (the test above)
                }
                PlaybookDefinition chosen = Playbooks.forPurpose(purpose, () -> usesBothKeys);
                assertThat(chosen.purpose()).as("%s, partner uses both keys: %s", purpose, usesBothKeys)
                        .isEqualTo(purpose);
            }
        }
        List<PlaybookDefinition> all = Playbooks.all();
        assertThat(all).extracting(PlaybookDefinition::number).doesNotHaveDuplicates();
        assertThat(all).extracting(PlaybookDefinition::title).allSatisfy(title -> assertThat(title).isNotBlank());
        assertThat(all).extracting(PlaybookDefinition::playbook).containsExactlyElementsOf(Arrays.stream(
                Playbook.values()).filter(playbook -> all.stream().anyMatch(d -> d.playbook() == playbook)).toList());
    }
}
