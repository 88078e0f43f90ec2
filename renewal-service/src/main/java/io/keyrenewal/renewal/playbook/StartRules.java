package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.renewal.CertificateRequestRules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the start of a renewal refuses in its request, apart from the playbook: one place for the renewal, which refuses
 * with the first of them, and for the dry run, which lists them all, so the two cannot drift apart (the expiry watch
 * starts a renewal only when the dry run finds nothing; a start refused after that would fail the watch's own
 * transaction).
 */
public final class StartRules {

    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private StartRules() {
    }

    /** Each rule {@code alias}, {@code guaranteedDeliveryTime}, {@code subjectDn} and {@code validityDays} break. */
    public static List<RenewalRefused> broken(String alias, Duration guaranteedDeliveryTime, String subjectDn,
                                              Integer validityDays) {
        List<RenewalRefused> broken = new ArrayList<>();
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            broken.add(new RenewalRefused.InvalidRenewalRequest("alias must be 1-64 lower-case letters, digits, '.',"
                    + " '_' or '-', starting with a letter or digit"));
        }
        if (guaranteedDeliveryTime == null || guaranteedDeliveryTime.isNegative()) {
            broken.add(new RenewalRefused.InvalidRenewalRequest("guaranteedDeliveryTime must be zero or positive"));
        }
        CertificateRequestRules.subjectDnProblem(subjectDn).ifPresent(problem ->
                broken.add(new RenewalRefused.InvalidRenewalRequest("subjectDn " + problem)));
        CertificateRequestRules.validityDaysProblem(validityDays).ifPresent(problem ->
                broken.add(new RenewalRefused.InvalidRenewalRequest("validityDays " + problem)));
        return broken;
    }
}
