package io.keyrenewal.contracts.renewal;

import javax.security.auth.x500.X500Principal;
import java.util.Optional;

/**
 * What a renewal may ask of its new certificate ({@code subjectDn} and {@code validityDays} of {@link RenewalStarted}):
 * the one rule the service that accepts a renewal and the keystore that applies it both check. Each check answers why
 * a value is unusable, in words an operator can act on, or nothing if it is fine; null is fine (the keystore's
 * configured default).
 */
public final class CertificateRequestRules {

    public static final int MIN_VALIDITY_DAYS = 1;
    public static final int MAX_VALIDITY_DAYS = 3650;
    public static final int MAX_SUBJECT_DN_LENGTH = 1024;

    private CertificateRequestRules() {
    }

    /** Why {@code subjectDn} cannot be a certificate's subject, e.g. {@code CN=acme-sign, O=Tenant, C=CH}. */
    public static Optional<String> subjectDnProblem(String subjectDn) {
        if (subjectDn == null) {
            return Optional.empty();
        }
        if (subjectDn.isBlank()) {
            return Optional.of("must name at least one attribute, e.g. CN=acme-sign, O=Tenant");
        }
        if (subjectDn.length() > MAX_SUBJECT_DN_LENGTH) {
            return Optional.of("must not be longer than " + MAX_SUBJECT_DN_LENGTH + " characters");
        }
        try {
            new X500Principal(subjectDn);
            return Optional.empty();
        } catch (IllegalArgumentException invalid) {
            return Optional.of("is not an X.500 distinguished name (RFC 2253, e.g. CN=acme-sign, O=Tenant, C=CH): "
                    + invalid.getMessage());
        }
    }

    /** Why {@code validityDays} cannot be the validity of a certificate. */
    public static Optional<String> validityDaysProblem(Integer validityDays) {
        if (validityDays == null || (validityDays >= MIN_VALIDITY_DAYS && validityDays <= MAX_VALIDITY_DAYS)) {
            return Optional.empty();
        }
        return Optional.of("must be between " + MIN_VALIDITY_DAYS + " and " + MAX_VALIDITY_DAYS + " days, not "
                + validityDays);
    }
}
