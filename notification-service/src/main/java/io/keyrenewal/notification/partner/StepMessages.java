package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which renewal event tells whom what, for every step of the playbooks: one message per recipient. Events that
 * ask nothing of anyone (key generation, the tenant's own decisions, keystore reports) yield none, but a keystore
 * failure and a partner's refusal, which wait for the tenant, do.
 */
@Component
public class StepMessages {

    private final CertificateProvidedMessage certificateProvided;
    private final DowntimeMessages downtime;
    private final ExchangeMessage exchange;
    private final ConfirmationReceivedMessages confirmations;
    private final OverdueStepMessages overdue;
    private final RenewalEndMessages end;
    private final KeystoreFailureMessage keystoreFailure;
    private final StepRefusedMessage refused;
    private final PartnerCertificateMessages partnerCertificate;
    private final IntegrationFlowMessages integrationFlow;

    public StepMessages(CertificateProvidedMessage certificateProvided, DowntimeMessages downtime,
                        ExchangeMessage exchange, ConfirmationReceivedMessages confirmations,
                        OverdueStepMessages overdue, RenewalEndMessages end, KeystoreFailureMessage keystoreFailure,
                        StepRefusedMessage refused, PartnerCertificateMessages partnerCertificate,
                        IntegrationFlowMessages integrationFlow) {
        this.certificateProvided = certificateProvided;
        this.downtime = downtime;
        this.exchange = exchange;
        this.confirmations = confirmations;
        this.overdue = overdue;
        this.end = end;
        this.keystoreFailure = keystoreFailure;
        this.refused = refused;
        this.partnerCertificate = partnerCertificate;
        this.integrationFlow = integrationFlow;
    }

    /** Whether {@code event} yields a message at all (so that an unknown renewal matters only then). */
    public boolean tellsSomeone(RenewalEvent event) {
        return event instanceof CertificateProvided || event instanceof DowntimeProposed
                || event instanceof DowntimeAgreed || event instanceof DowntimeOverrun
                || event instanceof PartnerInformedOfExchange || event instanceof PartnerVerifiesBoth
                || event instanceof PartnerSwitchedToNewKey || event instanceof SenderStoppedSending
                || event instanceof SenderExchangedCertificate || event instanceof PartnerRemovedOldCertificate
                || event instanceof SenderResumedSending || event instanceof PartnerStepOverdue
                || event instanceof PartnerStepEscalated || event instanceof RenewalCompleted
                || event instanceof RenewalAborted || event instanceof KeyPairRolledBack
                || event instanceof PartnerRefusedStep || event instanceof PartnerCertificateRequested
                || event instanceof PartnerCertificateReceived || event instanceof PartnerCertificateImported
                || event instanceof IntegrationFlowUndeployed || event instanceof IntegrationFlowRedeployed
                || (event instanceof KeystoreFailureRecorded failure && keystoreFailure.tellsTheTenant(failure));
    }

    public List<PartnerMessage> of(KnownRenewal renewal, RenewalEvent event) {
        if (event instanceof CertificateProvided e) {
            return List.of(certificateProvided.compose(e));
        } else if (event instanceof DowntimeProposed e) {
            return List.of(downtime.proposed(renewal, e));
        } else if (event instanceof DowntimeAgreed e) {
            return List.of(downtime.agreed(renewal, e));
        } else if (event instanceof DowntimeOverrun e) {
            return List.of(downtime.overrun(renewal, e));
        } else if (event instanceof PartnerInformedOfExchange e) {
            return List.of(exchange.compose(renewal, e));
        } else if (event instanceof PartnerVerifiesBoth e) {
            return List.of(confirmations.verifiesBoth(renewal, e));
        } else if (event instanceof PartnerSwitchedToNewKey e) {
            return List.of(confirmations.switchedToNewKey(renewal, e));
        } else if (event instanceof SenderStoppedSending e) {
            return List.of(confirmations.stoppedSending(renewal, e));
        } else if (event instanceof SenderExchangedCertificate e) {
            return List.of(confirmations.exchangedCertificate(renewal, e));
        } else if (event instanceof PartnerRemovedOldCertificate e) {
            return List.of(confirmations.removedOldCertificate(renewal, e));
        } else if (event instanceof SenderResumedSending e) {
            return List.of(confirmations.resumedSending(renewal, e));
        } else if (event instanceof PartnerStepOverdue e) {
            return List.of(overdue.overdue(renewal, e));
        } else if (event instanceof PartnerStepEscalated e) {
            return List.of(overdue.escalated(renewal, e));
        } else if (event instanceof RenewalCompleted e) {
            return List.of(end.completed(renewal, e));
        } else if (event instanceof RenewalAborted e) {
            return List.of(end.aborted(renewal, e));
        } else if (event instanceof KeyPairRolledBack e) {
            return List.of(end.rolledBack(renewal, e));
        } else if (event instanceof PartnerRefusedStep e) {
            return List.of(refused.compose(renewal, e));
        } else if (event instanceof PartnerCertificateRequested e) {
            return List.of(partnerCertificate.requested(renewal, e));
        } else if (event instanceof PartnerCertificateReceived e) {
            return List.of(confirmations.newCertificate(renewal, e));
        } else if (event instanceof PartnerCertificateImported e) {
            return List.of(partnerCertificate.imported(renewal, e));
        } else if (event instanceof IntegrationFlowUndeployed e) {
            return List.of(integrationFlow.undeployed(renewal, e));
        } else if (event instanceof IntegrationFlowRedeployed e) {
            return List.of(integrationFlow.redeployed(renewal, e));
        } else if (event instanceof KeystoreFailureRecorded e) {
            return tellsSomeone(e) ? List.of(keystoreFailure.compose(renewal, e)) : List.of();
        }
        return List.of();
    }
}
