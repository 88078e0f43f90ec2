package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;

/** The commands a renewal accepts. Times arrive on the command, taken from the service's clock at the boundary. */
public final class Commands {

    private Commands() {
    }

    /** The tenant administrator starts the renewal of the key pair under {@code alias}. */
    public record StartRenewal(@TargetAggregateIdentifier RenewalId renewalId, String alias, PartnerId partnerId,
                               Playbook playbook, Duration guaranteedDeliveryTime, KeyAlgorithm keyAlgorithm,
                               Instant requestedAt) {
    }

    /** The keystore reports that it generated the new key pair (and keeps the previous one for decryption). */
    public record RecordKeyPairGenerated(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                         CertificateInfo certificate, CertificateRef previous, Instant recordedAt) {
    }

    /** A partner confirms its step. */
    public record ConfirmPartnerStep(@TargetAggregateIdentifier RenewalId renewalId, String confirmationId,
                                     PartnerId partnerId, ConfirmationType type, Instant receivedAt) {
    }

    /** The keystore reports that it removed the old key pair. */
    public record RecordKeyPairRemoved(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                       CertificateRef removed, Instant recordedAt) {
    }

    /** The keystore reports that it could not carry out an operation. */
    public record RecordKeystoreFailure(@TargetAggregateIdentifier RenewalId renewalId, String reportId,
                                        String operation, String reason, Instant recordedAt) {
    }
}
