package io.keyrenewal.renewal.web;

import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;

/**
 * {@code POST /renewals}: renew the key pair under {@code alias} with {@code partnerId}.
 *
 * @param guaranteedDeliveryTime ISO-8601 duration, e.g. {@code P30D}
 * @param purpose                optional; what the key does: {@code SIGN_INBOUND_RESPONSE} lets the partner's registered
 *                               capability choose playbook 1 or 2, {@code DECRYPT_OUTBOUND_RESPONSE} is playbook 3
 * @param playbook               optional; names the playbook explicitly (wins over {@code purpose});
 *                               {@code TENANT_DECRYPTS_OUTBOUND_RESPONSE} when neither is given
 * @param keyAlgorithm           optional; {@code EC_P256} by default
 * @param exchangeApproval       optional; {@code TENANT_APPROVES} (default) or {@code AUTOMATIC}
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
        ExchangeApproval exchangeApproval) {
}
