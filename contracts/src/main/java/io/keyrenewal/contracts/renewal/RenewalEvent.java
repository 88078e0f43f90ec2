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
        @JsonSubTypes.Type(KeystoreFailureRecorded.class),
        @JsonSubTypes.Type(PartnerVerifiesBoth.class),
        @JsonSubTypes.Type(DowntimeProposed.class),
        @JsonSubTypes.Type(DowntimeAgreed.class),
        @JsonSubTypes.Type(SenderStoppedSending.class),
        @JsonSubTypes.Type(SenderExchangedCertificate.class),
        @JsonSubTypes.Type(DrainConfirmed.class),
        @JsonSubTypes.Type(KeyPairExchangeApproved.class),
        @JsonSubTypes.Type(KeyPairExchangeDecided.class),
        @JsonSubTypes.Type(KeyPairExchanged.class),
        @JsonSubTypes.Type(PartnerInformedOfExchange.class),
        @JsonSubTypes.Type(PartnerRemovedOldCertificate.class),
        @JsonSubTypes.Type(SenderResumedSending.class),
        @JsonSubTypes.Type(RenewalAborted.class),
        @JsonSubTypes.Type(StagedKeyPairDiscarded.class),
        @JsonSubTypes.Type(RollbackDecided.class),
        @JsonSubTypes.Type(KeyPairRolledBack.class),
        @JsonSubTypes.Type(PartnerStepOverdue.class),
        @JsonSubTypes.Type(PartnerStepEscalated.class),
        @JsonSubTypes.Type(DowntimeOverrun.class),
        @JsonSubTypes.Type(PartnerConfirmationRejected.class),
        @JsonSubTypes.Type(CertificateRequestedFromCa.class),
        @JsonSubTypes.Type(KeystoreStepRetried.class),
        @JsonSubTypes.Type(KeystoreStepResolved.class),
        @JsonSubTypes.Type(PartnerRefusedStep.class),
        @JsonSubTypes.Type(PartnerCertificateRequested.class),
        @JsonSubTypes.Type(PartnerCertificateReceived.class),
        @JsonSubTypes.Type(PartnerCertificateImported.class),
        @JsonSubTypes.Type(IntegrationFlowUndeployed.class),
        @JsonSubTypes.Type(IntegrationFlowRedeployed.class)
})
public sealed interface RenewalEvent permits RenewalStarted, NewKeyPairCreated, CertificateProvided,
        PartnerSwitchedToNewKey, OldKeyPairRemovalDecided, OldKeyPairRemoved, RenewalCompleted,
        KeystoreFailureRecorded, PartnerVerifiesBoth, DowntimeProposed, DowntimeAgreed, SenderStoppedSending,
        SenderExchangedCertificate, DrainConfirmed, KeyPairExchangeApproved, KeyPairExchangeDecided,
        KeyPairExchanged, PartnerInformedOfExchange, PartnerRemovedOldCertificate, SenderResumedSending,
        RenewalAborted, StagedKeyPairDiscarded, RollbackDecided, KeyPairRolledBack, PartnerStepOverdue,
        PartnerStepEscalated, DowntimeOverrun, PartnerConfirmationRejected, CertificateRequestedFromCa,
        KeystoreStepRetried, KeystoreStepResolved, PartnerRefusedStep, PartnerCertificateRequested,
        PartnerCertificateReceived, PartnerCertificateImported, IntegrationFlowUndeployed, IntegrationFlowRedeployed {

    RenewalId renewalId();

    /** When it happened. */
    Instant at();
}
