package io.keyrenewal.localstack;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTest {

    @Test
    void movesTheClockInWholeDaysToJustPastTheRetentionDeadline() {
        Instant switchedAt = Instant.parse("2026-11-22T10:15:30Z");
        PartnerSwitchedToNewKey switched = new PartnerSwitchedToNewKey(RenewalId.random(), new PartnerId("acme"),
                "confirmation-1", switchedAt.plus(Duration.ofDays(90)), switchedAt);

        Duration advance = Demo.clockAdvanceToPass(switched);

        assertThat(advance).isEqualTo(Duration.ofDays(91));
        assertThat(switchedAt.plus(advance)).isAfter(switched.retainOldKeyUntil().plusSeconds(59));
    }
}
