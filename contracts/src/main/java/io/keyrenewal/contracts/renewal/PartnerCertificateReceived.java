package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The partner sent the certificate of its new key pair in a confirmation signed with its registered key, and it passed
 * the renewal's checks: the keystore imports it under {@code alias} as the alias's partner certificate (the one it
 * replaces is kept beside it, so both verify or both can be encrypted to during the renewal). Carries the certificate
 * only: a partner's private key never reaches the system.
 *
 * @param use what the tenant does with the certificate, from the playbook (the keystore encrypts to RSA keys only);
 *            null (recorded before the field existed) reads as {@link PartnerCertificateUse#VERIFY_SIGNATURES}
 */
public record PartnerCertificateReceived(RenewalId renewalId, String alias, PartnerId partnerId,
                                         String confirmationId, CertificateInfo certificate, Instant at,
                                         PartnerCertificateUse use) implements RenewalEvent {

    /** Recorded before the use was carried: the tenant verified the partner's signatures. */
    public PartnerCertificateReceived(RenewalId renewalId, String alias, PartnerId partnerId, String confirmationId,
                                      CertificateInfo certificate, Instant at) {
        this(renewalId, alias, partnerId, confirmationId, certificate, at, null);
    }

    public PartnerCertificateReceived {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.text(confirmationId, "confirmationId");
        Require.present(certificate, "certificate");
        Require.present(at, "at");
        use = PartnerCertificateUse.orBefore(use);
    }
}
