package io.keyrenewal.renewal.watch;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.RenewalWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a policy starts a renewal, and whether its windows let it start now. */
class PolicyTimingTest {

    static final CertificateSummary CERTIFICATE = new CertificateSummary(new Fingerprint("ab".repeat(32)),
            "CN=signer", "CN=signer", "1", Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2027-01-01T00:00:00Z"));

    static PolicyDefinition policy(Integer daysBefore, Double share, List<RenewalWindow> windows) {
        return new PolicyDefinition(KeyPurpose.SIGN_INBOUND_RESPONSE, null, null, null, null, null, null,
                Duration.ofDays(30), null, daysBefore, share, windows);
    }

    @Test
    void startsSoManyDaysBeforeExpiryOrAtAShareOfTheLifetime() {
        assertThat(PolicyTiming.startAt(policy(30, null, null), CERTIFICATE))
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        // 365 days: two thirds is 243 days and 8 hours after the not-before
        assertThat(PolicyTiming.startAt(policy(null, 2.0 / 3, null), CERTIFICATE))
                .isEqualTo(Instant.parse("2026-09-01T08:00:00Z"));
    }

    @Test
    void withoutWindowsItMayStartAtOnceWithWindowsWhileOneIsOpenElseWhenTheNextOpens() {
        assertThat(PolicyTiming.nextOpening(policy(30, null, List.of()), Instant.now())).isEmpty();
        // Saturdays 22:00 to 04:00 in Zurich (UTC+1 in December): 21:00 to 03:00 UTC
        PolicyDefinition saturdayNights = policy(30, null,
                List.of(new RenewalWindow("0 0 22 * * SAT", Duration.ofHours(6), "Europe/Zurich")));
        assertThat(PolicyTiming.nextOpening(saturdayNights, Instant.parse("2026-12-12T21:00:00Z")))
                .as("as it opens").isEmpty();
        assertThat(PolicyTiming.nextOpening(saturdayNights, Instant.parse("2026-12-13T02:59:59Z")))
                .as("past midnight, still open").isEmpty();
        assertThat(PolicyTiming.nextOpening(saturdayNights, Instant.parse("2026-12-13T03:00:00Z")))
                .as("closed: next Saturday").contains(Instant.parse("2026-12-19T21:00:00Z"));
        assertThat(PolicyTiming.nextOpening(saturdayNights, Instant.parse("2026-12-09T12:00:00Z")))
                .contains(Instant.parse("2026-12-12T21:00:00Z"));
        PolicyDefinition twoWindows = policy(30, null, List.of(
                new RenewalWindow("0 0 22 * * SAT", Duration.ofHours(6), "Europe/Zurich"),
                new RenewalWindow("0 0 6 * * WED", Duration.ofHours(1), "UTC")));
        assertThat(PolicyTiming.nextOpening(twoWindows, Instant.parse("2026-12-07T12:00:00Z")))
                .as("the sooner of the two").contains(Instant.parse("2026-12-09T06:00:00Z"));
    }

    @Test
    void tiersAreReachedNearestFirstAndEachNextOneIsWhereTheClockWillReachIt() {
        ExpiryTiers tiers = new ExpiryTiers(List.of(7, 60, 30, 14), null);
        Instant notAfter = CERTIFICATE.notAfter();
        assertThat(tiers.tiers()).containsExactly(60, 30, 14, 7);
        assertThat(tiers.reached(notAfter, notAfter.minus(Duration.ofDays(61)))).isEmpty();
        assertThat(tiers.reached(notAfter, notAfter.minus(Duration.ofDays(60)))).contains(60);
        assertThat(tiers.reached(notAfter, notAfter.minus(Duration.ofDays(20)))).contains(30);
        assertThat(tiers.reached(notAfter, notAfter.plus(Duration.ofDays(3)))).contains(7);
        assertThat(tiers.next(notAfter, null, notAfter.minus(Duration.ofDays(90))))
                .contains(notAfter.minus(Duration.ofDays(60)));
        assertThat(tiers.next(notAfter, 30, notAfter.minus(Duration.ofDays(20))))
                .contains(notAfter.minus(Duration.ofDays(14)));
        assertThat(tiers.next(notAfter, 7, notAfter.minus(Duration.ofDays(2)))).isEmpty();
        assertThat(tiers.retryAfter()).isEqualTo(Duration.ofDays(1));
    }
}
