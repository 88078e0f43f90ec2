package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Actor;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;

/**
 * The commands a renewal accepts. Times arrive on the command, taken from the service's clock at the boundary;
 * {@code by} names the tenant user (or {@code system}) who took a tenant step.
 */
public final class Commands {

    private Commands() {
    }

    /**
     * The tenant administrator starts the renewal of the key pair under {@code alias}; {@code subjectDn} and
     * {@code validityDays} null take the keystore's defaults.
     */
    public record StartRenewal(@TargetAggregateIdentifier RenewalId renewalId, String alias, PartnerId partnerId,
                               Playbook playbook, Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm,
                               ExchangeApproval exchangeApproval, String subjectDn, Integer validityDays,
                               CertificateSource certificateSource, Instant requestedAt) {

        public StartRenewal(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                            Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm,
                            ExchangeApproval exchangeApproval, Instant requestedAt) {
            this(renewalId, alias, partnerId, playbook, guaranteedDeliveryTime, keyAlgorithm, exchangeApproval, null,
                    null, CertificateSource.DEFAULT, requestedAt);
        }

        public StartRenewal(RenewalId renewalId, String alias, PartnerId partnerId, Playbook playbook,
                            Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm, Instant requestedAt) {
            this(renewalId, alias, partnerId, playbook, guaranteedDeliveryTime, keyAlgorithm,
                    ExchangeApproval.TENANT_APPROVES, requestedAt);
        }
    }

    /** The keystore reports that it generated the new key pair. */
    public record RecordKeyPairGenerated(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                         CertificateInfo certificate, CertificateRef previous, Instant recordedAt) {
    }

    /** The keystore reports that it asked the tenant's CA for the new key pair's certificate. */
    public record RecordCertificateSigningRequest(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                                  String subject, String certificateSigningRequest,
                                                  Fingerprint publicKeySha256, Instant recordedAt) {
    }

    /**
     * A partner confirms its step (its signature was checked at the boundary). {@code confirmedAt} is the time the
     * partner put in it; a confirmation further than {@code maxClockSkew} from {@code receivedAt} is refused as stale,
     * unless its id was applied before (a partner's retry).
     */
    /**
     * A partner's confirmation of its step.
     *
     * @param arrivedAt  when it reached the system (published on the topic, posted over REST), on the service's
     *                   clock: its {@code confirmedAt} must be within {@code maxClockSkew} of this, however long it
     *                   then waited to be handled
     * @param receivedAt when the renewal handles it: the time of the step in the history
     */
    public record ConfirmPartnerStep(@TargetAggregateIdentifier RenewalId renewalId, String confirmationId,
                                     PartnerId partnerId, ConfirmationType type, Instant confirmedAt,
                                     Duration maxClockSkew, Instant arrivedAt, Instant receivedAt,
                                     String certificate) {

        /** A confirmation without a certificate (every type but {@code NEW_CERTIFICATE}). */
        public ConfirmPartnerStep(RenewalId renewalId, String confirmationId, PartnerId partnerId,
                                  ConfirmationType type, Instant confirmedAt, Duration maxClockSkew,
                                  Instant arrivedAt, Instant receivedAt) {
            this(renewalId, confirmationId, partnerId, type, confirmedAt, maxClockSkew, arrivedAt, receivedAt, null);
        }

        /** A confirmation handled as it arrived. */
        public ConfirmPartnerStep(RenewalId renewalId, String confirmationId, PartnerId partnerId,
                                  ConfirmationType type, Instant confirmedAt, Duration maxClockSkew,
                                  Instant receivedAt) {
            this(renewalId, confirmationId, partnerId, type, confirmedAt, maxClockSkew, receivedAt, receivedAt);
        }

        /** A confirmation made when it was received (no skew to check). */
        public ConfirmPartnerStep(RenewalId renewalId, String confirmationId, PartnerId partnerId,
                                  ConfirmationType type, Instant receivedAt) {
            this(renewalId, confirmationId, partnerId, type, receivedAt, Duration.ZERO, receivedAt);
        }
    }

    /**
     * A partner refuses the step {@code type} it is asked for, with its reason and an optional code (its signature was
     * checked at the boundary); the times as for {@link ConfirmPartnerStep}.
     */
    public record RefusePartnerStep(@TargetAggregateIdentifier RenewalId renewalId, String confirmationId,
                                    PartnerId partnerId, ConfirmationType type, String reason, String code,
                                    Instant confirmedAt, Duration maxClockSkew, Instant arrivedAt,
                                    Instant receivedAt) {

        /** A refusal made when it was received (no skew to check). */
        public RefusePartnerStep(RenewalId renewalId, String confirmationId, PartnerId partnerId,
                                 ConfirmationType type, String reason, String code, Instant receivedAt) {
            this(renewalId, confirmationId, partnerId, type, reason, code, receivedAt, Duration.ZERO, receivedAt,
                    receivedAt);
        }
    }

    /**
     * A confirmation for this renewal was not applied; the renewal records why (once per {@code rejectionId}).
     * Fields the confirmation did not carry readably are null.
     */
    public record RecordConfirmationRejection(@TargetAggregateIdentifier RenewalId renewalId, String rejectionId,
                                              String confirmationId, String partnerId, String type, String reason,
                                              Instant rejectedAt) {
    }

    /**
     * The tenant takes a step of its playbook ({@link Actor#TENANT}): allowed only as the playbook says, recorded by
     * the step's event ({@link TenantStepEvents}). {@code parameters} carries what the step needs (the window for
     * {@link Milestone#DOWNTIME_PROPOSED}), {@link StepParameters#NONE} for the others.
     */
    public record TakeTenantStep(@TargetAggregateIdentifier RenewalId renewalId, Milestone milestone,
                                 StepParameters parameters, String by, Instant requestedAt) {

        public TakeTenantStep {
            parameters = parameters == null ? StepParameters.NONE : parameters;
        }

        /** A step that needs nothing. */
        public TakeTenantStep(RenewalId renewalId, Milestone milestone, String by, Instant requestedAt) {
            this(renewalId, milestone, StepParameters.NONE, by, requestedAt);
        }
    }

    /** What a tenant step may carry; null where not given. Which a step needs: {@link TenantStepEvents}. */
    public record StepParameters(Instant windowStart, Instant windowEnd, String reason) {

        public static final StepParameters NONE = new StepParameters(null, null, null);

        /** A downtime window. */
        public static StepParameters window(Instant windowStart, Instant windowEnd) {
            return new StepParameters(windowStart, windowEnd, null);
        }
    }

    /** The keystore reports that it applied the exchange. */
    public record RecordKeyPairExchanged(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                         CertificateRef activated, CertificateRef archived, Instant recordedAt) {
    }

    /** The tenant aborts the renewal before the exchange. */
    public record AbortRenewal(@TargetAggregateIdentifier RenewalId renewalId, String reason, String by,
                               Instant requestedAt) {
    }

    /** The keystore reports that it discarded the staged key pair of an aborted renewal. */
    public record RecordKeyPairDiscarded(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                         CertificateRef discarded, Instant recordedAt) {
    }

    /** The tenant rolls the exchange back (playbook 1, while the sender still verifies both). */
    public record RollBack(@TargetAggregateIdentifier RenewalId renewalId, String reason, String by,
                           Instant requestedAt) {
    }

    /** The keystore reports that it re-activated the old key pair. */
    public record RecordKeyPairRolledBack(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                          CertificateRef reactivated, Instant recordedAt) {
    }

    /** Someone asks to remove the old key pair now; allowed only once the retention period is over. */
    public record RemoveOldKeyPair(@TargetAggregateIdentifier RenewalId renewalId, String by, Instant requestedAt) {
    }

    /** The keystore imported the partner's new certificate under the alias, the one it replaced retained. */
    public record RecordPartnerCertificateImported(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                                   CertificateRef imported, CertificateRef previous,
                                                   Instant recordedAt) {
    }

    /** The keystore reports that it removed the old key pair. */
    public record RecordKeyPairRemoved(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                       CertificateRef removed, Instant recordedAt) {
    }

    /** The keystore reports that it could not carry out an operation. */
    public record RecordKeystoreFailure(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                        String operation, String reason, Instant recordedAt) {
    }

    /** The tenant asks the keystore to carry out again the step it reported as failed. */
    public record RetryKeystoreStep(@TargetAggregateIdentifier RenewalId renewalId, String by, Instant requestedAt) {
    }

    /** The tenant settles a failed removal of the old key pair without the keystore: the renewal completes. */
    public record ResolveKeystoreStep(@TargetAggregateIdentifier RenewalId renewalId, String reason, String by,
                                      Instant requestedAt) {
    }
}
