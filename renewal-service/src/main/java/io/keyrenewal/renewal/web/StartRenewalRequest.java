package io.keyrenewal.renewal.web;

import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.renewal.CertificateRequestRules;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;

/**
 * {@code POST /renewals}: renew the key pair under {@code alias} with {@code partnerId}.
 *
 * @param guaranteedDeliveryTime ISO-8601 duration, e.g. {@code P30D}
 * @param purpose                optional; what the key does: the catalogue's playbook for it ({@code GET /playbooks}),
 *                               chosen by the partner's registered capability where it has one per capability
 *                               ({@code SIGN_INBOUND_RESPONSE}: playbook 1 or 2)
 * @param playbook               optional; names the playbook explicitly (wins over {@code purpose});
 *                               {@code TENANT_DECRYPTS_OUTBOUND_RESPONSE} when neither is given
 * @param keyAlgorithm           optional; {@code EC_P256} by default
 * @param exchangeApproval       optional; {@code TENANT_APPROVES} (default) or {@code AUTOMATIC}
 * @param subjectDn              optional; the new certificate's subject, an X.500 name such as
 *                               {@code CN=acme-sign, O=Tenant AG, C=CH}; the keystore's default when absent
 * @param validityDays           optional; the new self-signed certificate's validity, 1-3650 days; the keystore's
 *                               default when absent
 * @param certificateSource      optional; {@code SELF_SIGNED} (default) or {@code CA}: the keystore asks the tenant's
 *                               CA for the certificate and the renewal waits until an operator imports it
 */
public record StartRenewalRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}",
                message = "must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit")
        String alias,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'")
        String partnerId,
        @NotNull Duration guaranteedDeliveryTime,
        KeyPurpose purpose,
        Playbook playbook,
        KeyAlgorithm keyAlgorithm,
        ExchangeApproval exchangeApproval,
        @SubjectDistinguishedName String subjectDn,
        @Min(value = CertificateRequestRules.MIN_VALIDITY_DAYS, message = VALIDITY_RANGE)
        @Max(value = CertificateRequestRules.MAX_VALIDITY_DAYS, message = VALIDITY_RANGE)
        Integer validityDays,
        CertificateSource certificateSource) {

    static final String VALIDITY_RANGE = "must be between " + CertificateRequestRules.MIN_VALIDITY_DAYS + " and "
            + CertificateRequestRules.MAX_VALIDITY_DAYS + " days";
}
