package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Duration;
import java.time.Instant;

/**
 * The tenant administrator started the renewal of the key pair under {@code alias} with {@code partnerId}.
 * The keystore reacts by generating the new key pair.
 *
 * @param exchangeApproval       whether the tenant approves the exchange (playbooks 1 and 2); null reads as
 *                               {@link ExchangeApproval#TENANT_APPROVES}
 * @param guaranteedDeliveryTime how long a message may still be on its way; the old key is kept at least this
 *                               long (and at least 90 days)
 * @param subjectDn              the new certificate's subject (X.500, RFC 2253); null: the keystore's default
 *                               ({@code CN=<alias>, O=<organization>})
 * @param validityDays           the new self-signed certificate's validity in days; null: the keystore's default.
 *                               A CA decides its certificate's validity itself
 * @param certificateSource      who issues the certificate; null reads as {@link CertificateSource#SELF_SIGNED}
 *                               (renewals started before the field existed)
 * @param newKeyPair             the keystore's instruction for the new key pair, from the playbook; null (renewals
 *                               started before the field existed) reads as what those playbooks did
 * @param catalogueVersion       the version of the playbook catalogue the renewal follows to its end, whatever
 *                               versions come later; null (renewals started before the field existed) reads as 1
 * @param partnerRole            the partner administrator who acts in the renewal and receives its messages, from the
 *                               playbook; null (renewals started before the field existed) reads as their playbook's
 * @param partnerCertificateUse  where the renewal replaces the partner's certificate ({@code newKeyPair} NONE): what
 *                               the tenant does with it, from the playbook; null where it renews the tenant's key pair
 *                               (and reads as {@link PartnerCertificateUse#VERIFY_SIGNATURES} for renewals of a
 *                               partner's certificate started before the field existed)
 */
public record RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                             Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at,
                             ExchangeApproval exchangeApproval, String subjectDn, Integer validityDays,
                             CertificateSource certificateSource, KeyPairActivation newKeyPair,
                             Integer catalogueVersion, PartnerRole partnerRole,
                             PartnerCertificateUse partnerCertificateUse) implements RenewalEvent {

    /** The catalogue version of renewals started before the field existed. */
    public static final int FIRST_CATALOGUE_VERSION = 1;

    /** As started before the partner certificate's use was carried. */
    public RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                          Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at,
                          ExchangeApproval exchangeApproval, String subjectDn, Integer validityDays,
                          CertificateSource certificateSource, KeyPairActivation newKeyPair,
                          Integer catalogueVersion, PartnerRole partnerRole) {
        this(renewalId, alias, partnerId, playbook, guaranteedDeliveryTime, keyAlgorithm, at, exchangeApproval,
                subjectDn, validityDays, certificateSource, newKeyPair, catalogueVersion, partnerRole, null);
    }

    /** A renewal whose partner role is its playbook's, as before the field existed. */
    public RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                          Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at,
                          ExchangeApproval exchangeApproval, String subjectDn, Integer validityDays,
                          CertificateSource certificateSource, KeyPairActivation newKeyPair,
                          Integer catalogueVersion) {
        this(renewalId, alias, partnerId, playbook, guaranteedDeliveryTime, keyAlgorithm, at, exchangeApproval,
                subjectDn, validityDays, certificateSource, newKeyPair, catalogueVersion, null);
    }

    /** A renewal whose new key pair the playbook treats as its playbook did before the instruction existed. */
    public RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                          Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at,
                          ExchangeApproval exchangeApproval, String subjectDn, Integer validityDays,
                          CertificateSource certificateSource) {
        this(renewalId, alias, partnerId, playbook, guaranteedDeliveryTime, keyAlgorithm, at, exchangeApproval,
                subjectDn, validityDays, certificateSource, null, null, null, null);
    }

    /** A renewal whose exchange the tenant administrator approves, with the keystore's default certificate. */
    public RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                          Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at) {
        this(renewalId, alias, partnerId, playbook, guaranteedDeliveryTime, keyAlgorithm, at,
                ExchangeApproval.TENANT_APPROVES);
    }

    /** A renewal with the keystore's default self-signed certificate. */
    public RenewalStarted(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                          Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant at,
                          ExchangeApproval exchangeApproval) {
        this(renewalId, alias, partnerId, playbook, guaranteedDeliveryTime, keyAlgorithm, at, exchangeApproval, null,
                null, CertificateSource.DEFAULT);
    }

    public RenewalStarted {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(playbook, "playbook");
        Require.present(guaranteedDeliveryTime, "guaranteedDeliveryTime");
        Require.present(keyAlgorithm, "keyAlgorithm");
        Require.present(at, "at");
        // stored before the field existed: those renewals ran with approval
        exchangeApproval = exchangeApproval == null ? ExchangeApproval.TENANT_APPROVES : exchangeApproval;
        // stored before the field existed: those renewals got self-signed certificates
        certificateSource = certificateSource == null ? CertificateSource.DEFAULT : certificateSource;
        // stored before the field existed
        newKeyPair = newKeyPair == null ? KeyPairActivation.before(playbook) : newKeyPair;
        catalogueVersion = catalogueVersion == null ? FIRST_CATALOGUE_VERSION : catalogueVersion;
        partnerRole = partnerRole == null ? PartnerRole.before(playbook) : partnerRole;
        if (newKeyPair == KeyPairActivation.NONE) {
            partnerCertificateUse = PartnerCertificateUse.orBefore(partnerCertificateUse);
        }
    }
}
