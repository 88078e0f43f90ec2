package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RecordKeystoreFailure;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One renewal: one alias, one partner, one playbook. Decides each step of playbook 3 ("tenant decrypts outbound
 * response") and refuses what the playbook does not allow; the keystore and the partner carry the steps out.
 */
@Aggregate
public class Renewal {

    static final String RETENTION_ELAPSED = "retention-elapsed";
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    @AggregateIdentifier
    private RenewalId renewalId;
    private String alias;
    private PartnerId partnerId;
    private Playbook playbook;
    private Duration guaranteedDeliveryTime;
    private RenewalStep step;
    private CertificateInfo newCertificate;
    private CertificateRef oldCertificate;
    private final Set<String> acceptedConfirmations = new HashSet<>();
    private final Set<String> recordedFailureReports = new HashSet<>();

    protected Renewal() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Renewal(StartRenewal command) {
        if (command.playbook() != Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE) {
            throw new RenewalRefused.PlaybookNotSupported("playbook " + command.playbook()
                    + " is not runnable yet; this service runs TENANT_DECRYPTS_OUTBOUND_RESPONSE");
        }
        if (command.alias() == null || !ALIAS.matcher(command.alias()).matches()) {
            throw new RenewalRefused.InvalidRenewalRequest("alias must be 1-64 lower-case letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit");
        }
        if (command.guaranteedDeliveryTime() == null || command.guaranteedDeliveryTime().isNegative()) {
            throw new RenewalRefused.InvalidRenewalRequest("guaranteedDeliveryTime must be zero or positive");
        }
        apply(new RenewalStarted(command.renewalId(), command.alias(), command.partnerId(), command.playbook(),
                command.guaranteedDeliveryTime(), command.keyAlgorithm(), command.requestedAt()));
    }

    /** Steps 1-2 done by the keystore; step 3 (provide the certificate to the receiver) follows at once. */
    @CommandHandler
    public void handle(RecordKeyPairGenerated command) {
        if (step != RenewalStep.AWAITING_NEW_KEY_PAIR) {
            if (newCertificate != null && newCertificate.equals(command.certificate())) {
                return; // the keystore reported the same key pair again
            }
            throw new RenewalRefused.StepNotAllowed("a new key pair is not expected now: the renewal is at " + step);
        }
        apply(new NewKeyPairCreated(renewalId, alias, command.certificate(), command.previous(),
                command.recordedAt()));
        apply(new CertificateProvided(renewalId, alias, partnerId, playbook.partnerRole(), playbook,
                command.certificate(), command.recordedAt()));
    }

    /** Steps 4-6: the receiver encrypts with the new certificate; the old key pair is retained, then removed. */
    @CommandHandler
    public void handle(ConfirmPartnerStep command, DeadlineManager deadlineManager) {
        if (!partnerId.equals(command.partnerId())) {
            throw new RenewalRefused.PartnerMismatch("renewal " + renewalId + " belongs to partner " + partnerId
                    + ", not to " + command.partnerId());
        }
        if (acceptedConfirmations.contains(command.confirmationId())) {
            return; // a partner's retry of a confirmation already applied
        }
        if (command.type() != ConfirmationType.SWITCHED_TO_NEW_KEY) {
            throw new RenewalRefused.StepNotAllowed(command.type() + " is not a step of playbook " + playbook);
        }
        if (step != RenewalStep.AWAITING_PARTNER_SWITCH) {
            throw new RenewalRefused.StepNotAllowed("SWITCHED_TO_NEW_KEY is not expected now: the renewal is at "
                    + step);
        }
        Instant retainUntil = RetentionPolicy.retainUntil(command.receivedAt(), guaranteedDeliveryTime);
        apply(new PartnerSwitchedToNewKey(renewalId, partnerId, command.confirmationId(), retainUntil,
                command.receivedAt()));
        deadlineManager.schedule(retainUntil, RETENTION_ELAPSED);
    }

    /**
     * Step 7: the retention period is over; the keystore removes the old key pair. The deadline message's timestamp
     * is when the deadline fired on the service's clock, never before it was due.
     */
    @DeadlineHandler(deadlineName = RETENTION_ELAPSED)
    public void onRetentionElapsed(@Timestamp Instant firedAt) {
        if (step == RenewalStep.RETAINING_OLD_KEY_PAIR) {
            apply(new OldKeyPairRemovalDecided(renewalId, alias, oldCertificate, firedAt));
        }
    }

    @CommandHandler
    public void handle(RecordKeyPairRemoved command) {
        if (step == RenewalStep.COMPLETED) {
            return; // the keystore reported the removal again
        }
        if (step != RenewalStep.AWAITING_OLD_KEY_PAIR_REMOVAL) {
            throw new RenewalRefused.StepNotAllowed("the old key pair may not be removed now: the renewal is at "
                    + step);
        }
        apply(new OldKeyPairRemoved(renewalId, alias, command.removed(), command.recordedAt()));
        apply(new RenewalCompleted(renewalId, alias, partnerId, command.recordedAt()));
    }

    @CommandHandler
    public void handle(RecordKeystoreFailure command) {
        if (recordedFailureReports.contains(command.reportId())) {
            return; // the same failure report delivered again
        }
        apply(new KeystoreFailureRecorded(renewalId, command.reportId(), command.operation(), command.reason(),
                command.recordedAt()));
    }

    @EventSourcingHandler
    void on(RenewalStarted event) {
        renewalId = event.renewalId();
        alias = event.alias();
        partnerId = event.partnerId();
        playbook = event.playbook();
        guaranteedDeliveryTime = event.guaranteedDeliveryTime();
        step = RenewalStep.AWAITING_NEW_KEY_PAIR;
    }

    @EventSourcingHandler
    void on(NewKeyPairCreated event) {
        newCertificate = event.certificate();
        oldCertificate = event.previous();
    }

    @EventSourcingHandler
    void on(CertificateProvided event) {
        step = RenewalStep.AWAITING_PARTNER_SWITCH;
    }

    @EventSourcingHandler
    void on(PartnerSwitchedToNewKey event) {
        acceptedConfirmations.add(event.confirmationId());
        step = RenewalStep.RETAINING_OLD_KEY_PAIR;
    }

    @EventSourcingHandler
    void on(OldKeyPairRemovalDecided event) {
        step = RenewalStep.AWAITING_OLD_KEY_PAIR_REMOVAL;
    }

    @EventSourcingHandler
    void on(KeystoreFailureRecorded event) {
        recordedFailureReports.add(event.reportId());
    }

    @EventSourcingHandler
    void on(RenewalCompleted event) {
        step = RenewalStep.COMPLETED;
    }
}
