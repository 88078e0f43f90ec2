package io.keyrenewal.contracts.renewal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.keyrenewal.contracts.RenewalId;

import java.time.Instant;

/**
 * A fact in the history of one renewal, published on {@code renewal.events.v1} with the renewal id as key.
 * The body carries its simple type name in {@code type}; the same name is in the {@code ce_type} header.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(RenewalStarted.class),
        @JsonSubTypes.Type(NewKeyPairCreated.class),
        @JsonSubTypes.Type(CertificateProvided.class),
        @JsonSubTypes.Type(PartnerSwitchedToNewKey.class),
        @JsonSubTypes.Type(OldKeyPairRemovalDecided.class),
        @JsonSubTypes.Type(OldKeyPairRemoved.class),
        @JsonSubTypes.Type(RenewalCompleted.class),
        @JsonSubTypes.Type(KeystoreFailureRecorded.class)
})
public sealed interface RenewalEvent permits RenewalStarted, NewKeyPairCreated, CertificateProvided,
        PartnerSwitchedToNewKey, OldKeyPairRemovalDecided, OldKeyPairRemoved, RenewalCompleted,
        KeystoreFailureRecorded {

    RenewalId renewalId();

    /** When it happened. */
    Instant at();
}
