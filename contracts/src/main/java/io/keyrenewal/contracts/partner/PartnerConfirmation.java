package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A partner's answer to the step it is asked for, published by the partner system on
 * {@code renewal.partner-confirmations.v1} with the renewal id as record key (or posted to the partner API).
 * {@code confirmationId} is the partner's own id for it: a retry with the same id is applied at most once.
 *
 * <pre>{"confirmationId":"c-1","renewalId":"...","partnerId":"acme","type":"SWITCHED_TO_NEW_KEY",
 *  "confirmedAt":"2026-11-22T10:00:00Z"}</pre>
 *
 * A refusal names the step it refuses in {@code type} and says why:
 *
 * <pre>{"confirmationId":"c-2","renewalId":"...","partnerId":"acme","type":"SWITCHED_TO_NEW_KEY",
 *  "confirmedAt":"2026-11-22T10:00:00Z","outcome":"REFUSED","reason":"key size below our policy",
 *  "code":"KEY_TOO_SMALL"}</pre>
 *
 * A partner that sends its new certificate ({@link ConfirmationType#NEW_CERTIFICATE}) puts it in {@code certificate} as
 * PEM; the signature over the confirmation, made with the partner's registered key, vouches for it.
 *
 * @param outcome {@link ConfirmationOutcome#CONFIRMED} when absent (every confirmation sent before refusals existed)
 * @param reason  why the partner refuses: required for a refusal (at most {@value #MAX_REASON_LENGTH} characters),
 *                absent for a confirmation
 * @param code    optional for a refusal, a short machine-readable code (as ebCore's exception codes): at most
 *                {@value #MAX_CODE_LENGTH} letters, digits, '.', '_' or '-'; absent for a confirmation
 * @param certificate the partner's new certificate as PEM: only with {@link ConfirmationType#NEW_CERTIFICATE} (where
 *                it is required) and at most {@value #MAX_CERTIFICATE_LENGTH} characters
 */
public record PartnerConfirmation(String confirmationId, RenewalId renewalId, PartnerId partnerId,
                                  ConfirmationType type, Instant confirmedAt, ConfirmationOutcome outcome,
                                  String reason, String code, String certificate) {

    public static final int MAX_REASON_LENGTH = 1000;
    public static final int MAX_CODE_LENGTH = 64;
    public static final int MAX_CERTIFICATE_LENGTH = 16_384;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_CODE_LENGTH + "}");

    public PartnerConfirmation {
        Require.text(confirmationId, "confirmationId");
        Require.present(renewalId, "renewalId");
        Require.present(partnerId, "partnerId");
        Require.present(type, "type");
        Require.present(confirmedAt, "confirmedAt");
        outcome = outcome == null ? ConfirmationOutcome.CONFIRMED : outcome;
        if (outcome == ConfirmationOutcome.REFUSED) {
            Require.text(reason, "reason (of a refusal)");
            if (reason.length() > MAX_REASON_LENGTH) {
                throw new IllegalArgumentException("reason has " + reason.length() + " characters, at most "
                        + MAX_REASON_LENGTH + " are accepted");
            }
            if (code != null && !CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("code must be 1-" + MAX_CODE_LENGTH + " letters, digits, '.', '_'"
                        + " or '-'");
            }
        } else if (reason != null || code != null) {
            throw new IllegalArgumentException("reason and code belong to a refusal (outcome REFUSED), not to a"
                    + " confirmation");
        }
        if (type == ConfirmationType.NEW_CERTIFICATE && outcome == ConfirmationOutcome.CONFIRMED) {
            Require.text(certificate, "certificate (of a NEW_CERTIFICATE confirmation, as PEM)");
            if (certificate.length() > MAX_CERTIFICATE_LENGTH) {
                throw new IllegalArgumentException("certificate has " + certificate.length() + " characters, at most "
                        + MAX_CERTIFICATE_LENGTH + " are accepted");
            }
        } else if (certificate != null) {
            throw new IllegalArgumentException("certificate belongs to a NEW_CERTIFICATE confirmation, not to "
                    + (outcome == ConfirmationOutcome.REFUSED ? "a refusal" : "a " + type + " confirmation"));
        }
    }

    /** A confirmation or a refusal without a certificate. */
    public PartnerConfirmation(String confirmationId, RenewalId renewalId, PartnerId partnerId, ConfirmationType type,
                               Instant confirmedAt, ConfirmationOutcome outcome, String reason, String code) {
        this(confirmationId, renewalId, partnerId, type, confirmedAt, outcome, reason, code, null);
    }

    /** The partner's new certificate (PEM), for {@link ConfirmationType#NEW_CERTIFICATE}. */
    public static PartnerConfirmation newCertificate(String confirmationId, RenewalId renewalId, PartnerId partnerId,
                                                     Instant confirmedAt, String certificatePem) {
        return new PartnerConfirmation(confirmationId, renewalId, partnerId, ConfirmationType.NEW_CERTIFICATE,
                confirmedAt, ConfirmationOutcome.CONFIRMED, null, null, certificatePem);
    }

    /** A confirmation of the step. */
    public PartnerConfirmation(String confirmationId, RenewalId renewalId, PartnerId partnerId, ConfirmationType type,
                               Instant confirmedAt) {
        this(confirmationId, renewalId, partnerId, type, confirmedAt, ConfirmationOutcome.CONFIRMED, null, null);
    }

    /** A refusal of the step {@code type}, with its reason and an optional code. */
    public static PartnerConfirmation refusal(String confirmationId, RenewalId renewalId, PartnerId partnerId,
                                              ConfirmationType type, Instant confirmedAt, String reason,
                                              String code) {
        return new PartnerConfirmation(confirmationId, renewalId, partnerId, type, confirmedAt,
                ConfirmationOutcome.REFUSED, reason, code);
    }

    public boolean refused() {
        return outcome == ConfirmationOutcome.REFUSED;
    }
}
