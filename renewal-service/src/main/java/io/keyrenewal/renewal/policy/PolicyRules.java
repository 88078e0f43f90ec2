package io.keyrenewal.renewal.policy;

import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.policy.RenewalWindow;
import io.keyrenewal.contracts.renewal.CertificateRequestRules;
import io.keyrenewal.contracts.renewal.CertificateSource;
import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a renewal policy must be before it is set, checked as a whole: each check names the field and says why, in
 * words the administrator can act on, and every problem of a policy is told at once (docs/policies.md). The key and
 * certificate fields follow the rules of a start request ({@link CertificateRequestRules}); a window's cron and time
 * zone are read by the libraries that will run them (Spring's {@link CronExpression}, the JDK's time zone database).
 */
final class PolicyRules {

    static final int MIN_DAYS_BEFORE_EXPIRY = 1;
    static final int MAX_DAYS_BEFORE_EXPIRY = 3650;
    static final Duration MAX_WINDOW = Duration.ofDays(31);

    /** One thing wrong with a policy: the field ({@code windows[0].cron}) and why. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + " " + message;
        }
    }

    private PolicyRules() {
    }

    /** Everything wrong with {@code policy} as the policy of {@code scope}; none if it may be set. */
    static List<Problem> problems(PolicyScope scope, PolicyDefinition policy, Instant at) {
        List<Problem> problems = new ArrayList<>();
        if (policy.purpose() == null) {
            problems.add(new Problem("purpose", "is required: what the key does, e.g. SIGN_INBOUND_RESPONSE"));
        } else {
            scopeOfPurpose(scope, policy.purpose()).ifPresent(problems::add);
            playbook(policy).ifPresent(problems::add);
            keyAndCertificate(policy, problems);
        }
        partner(scope, policy).ifPresent(problems::add);
        guaranteedDeliveryTime(policy.guaranteedDeliveryTime()).ifPresent(problems::add);
        start(policy, problems);
        for (int i = 0; i < policy.windows().size(); i++) {
            window("windows[" + i + "].", policy.windows().get(i), at, problems);
        }
        return problems;
    }

    private static Optional<Problem> scopeOfPurpose(PolicyScope scope, KeyPurpose purpose) {
        return scope.purpose().filter(scoped -> scoped != purpose).map(scoped -> new Problem("purpose", "is "
                + purpose + ", but " + scope + " is the default of " + scoped + ": leave purpose out or set "
                + PolicyScope.ofPurpose(purpose)));
    }

    private static Optional<Problem> playbook(PolicyDefinition policy) {
        if (policy.playbook() == null) {
            return Optional.empty();
        }
        PlaybookDefinition playbook;
        try {
            playbook = Playbooks.of(policy.playbook());
        } catch (Playbooks.NotInCatalogue missing) {
            return Optional.of(new Problem("playbook", missing.getMessage()));
        }
        if (playbook.purpose() != policy.purpose()) {
            return Optional.of(new Problem("playbook", policy.playbook() + " renews a key for " + playbook.purpose()
                    + ", not for " + policy.purpose() + ": name a playbook for " + policy.purpose()
                    + " (GET /playbooks), or none to have the partner's capability choose it"));
        }
        return Optional.empty();
    }

    private static void keyAndCertificate(PolicyDefinition policy, List<Problem> problems) {
        if (policy.purpose().partnerCertificateUse() != null) {
            String none = "does not apply: a renewal for " + policy.purpose() + " renews the partner's certificate;"
                    + " the tenant makes no key pair";
            if (policy.keyAlgorithm() != null) {
                problems.add(new Problem("keyAlgorithm", none));
            }
            if (policy.subjectDn() != null) {
                problems.add(new Problem("subjectDn", none));
            }
            if (policy.validityDays() != null) {
                problems.add(new Problem("validityDays", none));
            }
            if (policy.certificateSource() != null) {
                problems.add(new Problem("certificateSource", none));
            }
            return;
        }
        CertificateRequestRules.subjectDnProblem(policy.subjectDn())
                .ifPresent(problem -> problems.add(new Problem("subjectDn", problem)));
        CertificateRequestRules.validityDaysProblem(policy.validityDays())
                .ifPresent(problem -> problems.add(new Problem("validityDays", problem)));
        if (policy.certificateSource() == CertificateSource.CA && policy.validityDays() != null) {
            problems.add(new Problem("validityDays", "does not apply to a certificate from the CA, whose validity is"
                    + " the CA's: leave it out, or have the certificate SELF_SIGNED"));
        }
    }

    private static Optional<Problem> partner(PolicyScope scope, PolicyDefinition policy) {
        if (scope.alias().isPresent() && policy.partnerId() == null) {
            return Optional.of(new Problem("partnerId", "is required in the policy of an alias: the partner its"
                    + " renewals run with"));
        }
        if (scope.purpose().isPresent() && policy.partnerId() != null) {
            return Optional.of(new Problem("partnerId", "must not be set in the default of a purpose, which applies"
                    + " to every alias of the purpose, each with its own partner: name the partner in the policy of"
                    + " an alias (alias:<alias>)"));
        }
        return Optional.empty();
    }

    private static Optional<Problem> guaranteedDeliveryTime(Duration guaranteedDeliveryTime) {
        if (guaranteedDeliveryTime == null) {
            return Optional.of(new Problem("guaranteedDeliveryTime", "is required: how long a message may still be"
                    + " in flight, e.g. P30D"));
        }
        return guaranteedDeliveryTime.isNegative()
                ? Optional.of(new Problem("guaranteedDeliveryTime", "must be zero or positive"))
                : Optional.empty();
    }

    private static void start(PolicyDefinition policy, List<Problem> problems) {
        Integer days = policy.startDaysBeforeExpiry();
        Double share = policy.startAtShareOfLifetime();
        if (days == null && share == null) {
            problems.add(new Problem("startDaysBeforeExpiry", "or startAtShareOfLifetime is required: when a renewal"
                    + " starts, e.g. 30 days before the certificate expires or at 0.66 of its lifetime"));
        } else if (days != null && share != null) {
            problems.add(new Problem("startAtShareOfLifetime", "must not be given with startDaysBeforeExpiry: a"
                    + " policy starts its renewals by one rule"));
        }
        if (days != null && (days < MIN_DAYS_BEFORE_EXPIRY || days > MAX_DAYS_BEFORE_EXPIRY)) {
            problems.add(new Problem("startDaysBeforeExpiry", "must be between " + MIN_DAYS_BEFORE_EXPIRY + " and "
                    + MAX_DAYS_BEFORE_EXPIRY + " days, not " + days));
        }
        if (share != null && !(share > 0 && share < 1)) {
            problems.add(new Problem("startAtShareOfLifetime", "must be more than 0 and less than 1 (the share of the"
                    + " certificate's lifetime passed, e.g. 0.66), not " + share));
        }
    }

    private static void window(String field, RenewalWindow window, Instant at, List<Problem> problems) {
        CronExpression cron = null;
        if (window.cron() == null || window.cron().isBlank()) {
            problems.add(new Problem(field + "cron", "is required: when the window opens, e.g. 0 0 22 * * SAT"));
        } else {
            try {
                cron = CronExpression.parse(window.cron());
            } catch (IllegalArgumentException invalid) {
                problems.add(new Problem(field + "cron", "is not a cron expression of six fields (second, minute,"
                        + " hour, day of month, month, day of week, e.g. 0 0 22 * * SAT): " + invalid.getMessage()));
            }
        }
        ZoneId zone = null;
        if (window.timeZone() == null || window.timeZone().isBlank()) {
            problems.add(new Problem(field + "timeZone", "is required: the IANA time zone the cron is read in, e.g."
                    + " Europe/Zurich"));
        } else if (!ZoneId.getAvailableZoneIds().contains(window.timeZone())) {
            problems.add(new Problem(field + "timeZone", "is not an IANA time zone id (e.g. Europe/Zurich, UTC): "
                    + window.timeZone()));
        } else {
            zone = ZoneId.of(window.timeZone());
        }
        if (cron != null && zone != null && cron.next(at.atZone(zone)) == null) {
            problems.add(new Problem(field + "cron", "never opens the window: " + window.cron()
                    + " matches no date"));
        }
        Duration duration = window.duration();
        if (duration == null) {
            problems.add(new Problem(field + "duration", "is required: how long the window stays open, e.g. PT6H"));
        } else if (duration.isNegative() || duration.isZero()) {
            problems.add(new Problem(field + "duration", "must be more than zero, not " + duration));
        } else if (duration.compareTo(MAX_WINDOW) > 0) {
            problems.add(new Problem(field + "duration", "must be at most 31 days (P31D), not " + duration));
        }
    }
}
