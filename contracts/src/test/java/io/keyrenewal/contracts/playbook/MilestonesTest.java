package io.keyrenewal.contracts.playbook;

import io.keyrenewal.contracts.renewal.KeyPairExchangeApproved;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Every milestone is recorded by one event type of its own, and the table reads both ways. */
class MilestonesTest {

    @Test
    void everyMilestoneHasTheEventThatRecordsIt() {
        assertThat(Arrays.stream(Milestone.values()).map(Milestones::eventRecording)).doesNotHaveDuplicates();
        assertThat(Milestones.eventRecording(Milestone.EXCHANGE_APPROVED)).isEqualTo(KeyPairExchangeApproved.class);
        assertThat(Milestones.eventRecording(Milestone.COMPLETED)).isEqualTo(RenewalCompleted.class);
        // the removal a tenant settles (KeystoreStepResolved) records it too; its own event is the keystore's
        assertThat(Milestones.eventRecording(Milestone.OLD_KEY_PAIR_REMOVED)).isEqualTo(OldKeyPairRemoved.class);
    }
}
