package io.keyrenewal.contracts.playbook;

import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.DrainConfirmed;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyPairExchangeApproved;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.KeystoreStepResolved;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;


import java.util.Map;
import java.util.Optional;

/** Which milestone an event records (the aggregate and the read models agree through this one table). */
public final class Milestones {

    private static final Map<Class<? extends RenewalEvent>, Milestone> RECORDED_BY = Map.ofEntries(
            Map.entry(NewKeyPairCreated.class, Milestone.KEY_PAIR_CREATED),
            Map.entry(PartnerCertificateRequested.class, Milestone.PARTNER_CERTIFICATE_REQUESTED),
            Map.entry(PartnerCertificateReceived.class, Milestone.PARTNER_CERTIFICATE_RECEIVED),
            Map.entry(PartnerCertificateImported.class, Milestone.PARTNER_CERTIFICATE_IMPORTED),
            Map.entry(CertificateProvided.class, Milestone.CERTIFICATE_PROVIDED),
            Map.entry(PartnerVerifiesBoth.class, Milestone.PARTNER_VERIFIES_BOTH),
            Map.entry(DowntimeProposed.class, Milestone.DOWNTIME_PROPOSED),
            Map.entry(DowntimeAgreed.class, Milestone.DOWNTIME_AGREED),
            Map.entry(SenderStoppedSending.class, Milestone.SENDER_STOPPED_SENDING),
            Map.entry(SenderExchangedCertificate.class, Milestone.SENDER_EXCHANGED_CERTIFICATE),
            Map.entry(DrainConfirmed.class, Milestone.DRAIN_CONFIRMED),
            Map.entry(IntegrationFlowUndeployed.class, Milestone.FLOW_UNDEPLOYED),
            Map.entry(IntegrationFlowRedeployed.class, Milestone.FLOW_REDEPLOYED),
            Map.entry(KeyPairExchangeApproved.class, Milestone.EXCHANGE_APPROVED),
            Map.entry(KeyPairExchangeDecided.class, Milestone.EXCHANGE_DECIDED),
            Map.entry(KeyPairExchanged.class, Milestone.KEY_PAIR_EXCHANGED),
            Map.entry(PartnerInformedOfExchange.class, Milestone.PARTNER_INFORMED_OF_EXCHANGE),
            Map.entry(PartnerRemovedOldCertificate.class, Milestone.PARTNER_REMOVED_OLD_CERTIFICATE),
            Map.entry(SenderResumedSending.class, Milestone.SENDER_RESUMED_SENDING),
            Map.entry(PartnerSwitchedToNewKey.class, Milestone.PARTNER_SWITCHED_TO_NEW_KEY),
            Map.entry(OldKeyPairRemovalDecided.class, Milestone.OLD_KEY_PAIR_REMOVAL_DECIDED),
            Map.entry(OldKeyPairRemoved.class, Milestone.OLD_KEY_PAIR_REMOVED),
            Map.entry(RenewalCompleted.class, Milestone.COMPLETED));

    /** The keystore's removal of the old key pair or certificate, as reports and {@code KeystoreStepResolved} name it. */
    public static final String REMOVE = "REMOVE";

    private Milestones() {
    }

    /** The event type that records {@code milestone} (the table read the other way round). */
    public static Class<? extends RenewalEvent> eventRecording(Milestone milestone) {
        return RECORDED_BY.entrySet().stream().filter(entry -> entry.getValue() == milestone).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no event records " + milestone));
    }

    public static Optional<Milestone> recordedBy(RenewalEvent event) {
        if (event instanceof KeystoreStepResolved resolved && resolved.operation().equals(REMOVE)) {
            return Optional.of(Milestone.OLD_KEY_PAIR_REMOVED); // settled by the tenant: the old key pair stays
        }
        return Optional.ofNullable(RECORDED_BY.get(event.getClass()));
    }
}
