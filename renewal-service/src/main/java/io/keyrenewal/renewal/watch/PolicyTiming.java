package io.keyrenewal.renewal.watch;

import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.RenewalWindow;
import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** When a policy starts the renewal of a certificate: its time, and the windows within which it may start. */
public final class PolicyTiming {

    private PolicyTiming() {
    }

    /** The policy's time: so many days before the not-after, or when a share of the lifetime has passed. */
    public static Instant startAt(PolicyDefinition policy, CertificateSummary certificate) {
        if (policy.startDaysBeforeExpiry() != null) {
            return certificate.notAfter().minus(Duration.ofDays(policy.startDaysBeforeExpiry()));
        }
        double share = policy.startAtShareOfLifetime() == null ? 2.0 / 3 : policy.startAtShareOfLifetime();
        long seconds = certificate.lifetime().toSeconds();
        return certificate.notBefore().plusSeconds((long) Math.floor(seconds * share));
    }

    /**
     * Why a policy whose time for {@code certificate} comes at or before its not-before starts no renewal of it: its
     * days before expiry are as many as the certificate lives or more, so it would renew each certificate as soon as
     * it is issued, the renewal's new one included, without end.
     */
    public static String renewsAtIssue(PolicyDefinition policy, CertificateSummary certificate) {
        String when = policy.startDaysBeforeExpiry() != null ? policy.startDaysBeforeExpiry() + " days before expiry"
                : "at " + policy.startAtShareOfLifetime() + " of the lifetime";
        return "the policy starts a renewal " + when + ", and this"
                + " certificate lives " + certificate.lifetime().toDays() + " days in all: it would renew every"
                + " certificate as soon as it is issued, the new one too, without end; give startDaysBeforeExpiry"
                + " fewer days than the certificates live, or startAtShareOfLifetime";
    }

    /**
     * Empty when a renewal may start at {@code now} (no windows, or one of them is open); else when the next window
     * opens. A window is open from each time its cron expression names, in its time zone, for its duration.
     */
    public static Optional<Instant> nextOpening(PolicyDefinition policy, Instant now) {
        if (policy.windows().isEmpty()) {
            return Optional.empty();
        }
        Instant soonest = null;
        for (RenewalWindow window : policy.windows()) {
            ZoneId zone = window.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(window.timeZone());
            // the first opening after now - duration: at or before now, the window is open now; else it opens then
            ZonedDateTime opening = CronExpression.parse(window.cron())
                    .next(now.minus(window.duration()).atZone(zone));
            if (opening == null) {
                continue; // a cron that never fires again
            }
            if (!opening.toInstant().isAfter(now)) {
                return Optional.empty();
            }
            soonest = soonest == null || opening.toInstant().isBefore(soonest) ? opening.toInstant() : soonest;
        }
        // no window ever opens again: not before the policy changes
        return Optional.of(soonest == null ? Instant.MAX : soonest);
    }
}
