package io.keyrenewal.contracts.playbook;

import io.keyrenewal.contracts.renewal.Playbook;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theTenantsOwnKeysAndThePartnersCertificatesBothChooseByThePartnersCapability() {
        assertThat(Playbooks.forPurpose(KeyPurpose.SIGN_OUTBOUND_REQUEST, () -> true).number()).isEqualTo(5);
        assertThat(Playbooks.forPurpose(KeyPurpose.SIGN_OUTBOUND_REQUEST, () -> false).number()).isEqualTo(12);
        assertThat(Playbooks.forPurpose(KeyPurpose.ENCRYPT_INBOUND_RESPONSE, () -> true).number()).isEqualTo(8);
        assertThat(Playbooks.forPurpose(KeyPurpose.ENCRYPT_INBOUND_RESPONSE, () -> false).number()).isEqualTo(9);
        assertThat(Playbooks.forPurpose(KeyPurpose.ENCRYPT_OUTBOUND_REQUEST, () -> true).number()).isEqualTo(10);
        assertThat(Playbooks.forPurpose(KeyPurpose.ENCRYPT_OUTBOUND_REQUEST, () -> false).number()).isEqualTo(11);
    }

    @Test
    void everyPlaybookIsConsistent() {
        Set<Milestone> retentionCarriers = EnumSet.of(Milestone.KEY_PAIR_EXCHANGED,
                Milestone.PARTNER_SWITCHED_TO_NEW_KEY, Milestone.PARTNER_CERTIFICATE_IMPORTED);
        for (PlaybookDefinition playbook : Playbooks.all()) {
            Set<Milestone> steps = EnumSet.noneOf(Milestone.class);
            playbook.steps().forEach(step -> steps.add(step.milestone()));
            String name = playbook.playbook().name();
            assertThat(playbook.steps()).as(name).allSatisfy(step -> assertThat(steps).containsAll(step.requires()));
            assertThat(retentionCarriers).as(name + ": the event of the retention start carries its end")
                    .contains(playbook.retentionStartsAt());
            assertThat(steps).as(name).contains(playbook.retentionStartsAt(), playbook.abortUntil(),
                    Milestone.OLD_KEY_PAIR_REMOVED, Milestone.COMPLETED);
            if (steps.contains(Milestone.DOWNTIME_AGREED)) {
                assertThat(steps).as(name + ": the downtime ends").contains(playbook.downtimeEnd());
            }
            assertThat(playbook.partnerCertificateUse() == null)
                    .as(name + ": a use for the partner's certificate exactly where no key pair is made")
                    .isEqualTo(steps.contains(Milestone.KEY_PAIR_CREATED));
        }
    }

    @Test
    void everyPurposeHasAPlaybookForEveryPartnerAndEveryPlaybookItsOwnNumber() {
        for (KeyPurpose purpose : KeyPurpose.values()) {
            for (boolean usesBothKeys : new boolean[]{true, false}) {
                PlaybookDefinition chosen = Playbooks.forPurpose(purpose, () -> usesBothKeys);
                assertThat(chosen.purpose()).as("%s, partner uses both keys: %s", purpose, usesBothKeys)
                        .isEqualTo(purpose);
            }
        }
        List<PlaybookDefinition> all = Playbooks.all();
        assertThat(all).extracting(PlaybookDefinition::number).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                11, 12);
        assertThat(all).extracting(PlaybookDefinition::title).allSatisfy(title -> assertThat(title).isNotBlank());
        assertThat(all).extracting(PlaybookDefinition::playbook).containsExactlyElementsOf(Arrays.stream(
                Playbook.values()).filter(playbook -> all.stream().anyMatch(d -> d.playbook() == playbook)).toList());
    }
}
