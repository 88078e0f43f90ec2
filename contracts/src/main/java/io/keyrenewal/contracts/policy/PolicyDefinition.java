package io.keyrenewal.contracts.policy;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How and when the key under an alias (or every key of a purpose) is renewed: what a renewal started by the policy
 * asks for, as {@code POST /renewals} does, and when it may start. renewal-service checks the whole policy before it is
 * set ({@code PolicyRules}, docs/policies.md); the record takes the fields as given, so that a refusal can name each.
 *
 * @param purpose                what the key does; for a purpose's default, that purpose
 * @param playbook               a playbook of the catalogue for {@code purpose}, or null: chosen at the start by the
 *                               purpose and the partner's capability, as {@code POST /renewals} chooses it
 * @param partnerId              the partner of the alias (an alias's policy); null in a purpose's default
 * @param keyAlgorithm           null: the default at the start ({@code EC_P256}); none for a partner's certificate
 * @param subjectDn              the new certificate's subject (X.500), null: the keystore's default
 * @param validityDays           the new self-signed certificate's validity, 1-3650 days, null: the keystore's default
 * @param certificateSource      {@code SELF_SIGNED} or {@code CA}, null: {@code SELF_SIGNED}
 * @param guaranteedDeliveryTime ISO-8601 duration: how long a message may still be in flight (the retention)
 * @param exchangeApproval       {@code TENANT_APPROVES} or {@code AUTOMATIC}, null: {@code TENANT_APPROVES}
 * @param startDaysBeforeExpiry  start this many days (1-3650) before the certificate expires; or
 * @param startAtShareOfLifetime start when this share of the certificate's lifetime has passed (between 0 and 1, e.g.
 *                               0.66, cert-manager's two thirds); exactly one of the two
 * @param windows                when a renewal may start; none: at any time
 */
public record PolicyDefinition(KeyPurpose purpose, Playbook playbook, PartnerId partnerId, KeyAlgorithm keyAlgorithm,
                               String subjectDn, Integer validityDays, CertificateSource certificateSource,
                               Duration guaranteedDeliveryTime, ExchangeApproval exchangeApproval,
                               Integer startDaysBeforeExpiry, Double startAtShareOfLifetime,
                               List<RenewalWindow> windows) {

    public PolicyDefinition {
        if (windows != null && windows.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("windows must not hold an empty window");
        }
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    /** The same policy for {@code purpose}: a purpose's default given without one takes its scope's. */
    public PolicyDefinition withPurpose(KeyPurpose purpose) {
        return new PolicyDefinition(purpose, playbook, partnerId, keyAlgorithm, subjectDn, validityDays,
                certificateSource, guaranteedDeliveryTime, exchangeApproval, startDaysBeforeExpiry,
                startAtShareOfLifetime, windows);
    }
}
