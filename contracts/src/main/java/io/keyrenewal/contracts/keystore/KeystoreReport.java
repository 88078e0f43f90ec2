package io.keyrenewal.contracts.keystore;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.keyrenewal.contracts.RenewalId;

import java.time.Instant;

/**
 * What the keystore service did for a renewal, published on {@code keystore.reports.v1} with the renewal id as key.
 * A report answers one renewal event ({@code causationId} = that event's id); applying the same event twice
 * reports the same result again.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(KeyPairGenerated.class),
        @JsonSubTypes.Type(KeyPairRemoved.class),
        @JsonSubTypes.Type(KeystoreOperationFailed.class),
        @JsonSubTypes.Type(KeyPairExchangeApplied.class),
        @JsonSubTypes.Type(KeyPairRollbackApplied.class),
        @JsonSubTypes.Type(KeyPairDiscarded.class),
        @JsonSubTypes.Type(CertificateSigningRequested.class),
        @JsonSubTypes.Type(PartnerCertificateImportApplied.class)
})
public sealed interface KeystoreReport permits KeyPairGenerated, KeyPairRemoved, KeystoreOperationFailed,
        KeyPairExchangeApplied, KeyPairRollbackApplied, KeyPairDiscarded, CertificateSigningRequested,
        PartnerCertificateImportApplied {

    String reportId();

    RenewalId renewalId();

    /** Id of the renewal event this report answers. */
    String causationId();

    Instant at();
}
