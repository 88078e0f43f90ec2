package io.keyrenewal.contracts.watch;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.keyrenewal.contracts.Fingerprint;

import java.time.Instant;

/**
 * A fact of the expiry watch of one alias of the tenant keystore: stored in renewal-service's event store (the
 * watch's history, one aggregate per alias) and published on {@code alias.watch.v1} with the alias as key. The body
 * carries its simple type name in {@code type}; the same name is in the {@code ce_type} header. Every event names
 * the certificate it is about ({@code sha256}): the watch of an alias follows its current certificate.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(CertificateWatched.class),
        @JsonSubTypes.Type(ExpiryTierReached.class),
        @JsonSubTypes.Type(RenewalStartedByPolicy.class),
        @JsonSubTypes.Type(RenewalByPolicyNotStarted.class),
        @JsonSubTypes.Type(CertificateExpiredUnrenewed.class)
})
public sealed interface AliasWatchEvent permits CertificateWatched, ExpiryTierReached, RenewalStartedByPolicy,
        RenewalByPolicyNotStarted, CertificateExpiredUnrenewed {

    String alias();

    /** The certificate the event is about. */
    Fingerprint sha256();

    /** When it happened, by renewal-service's clock. */
    Instant at();
}
