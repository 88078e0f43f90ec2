package io.keyrenewal.renewal.dryrun;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
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
import io.keyrenewal.contracts.renewal.PartnerRole;
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

import java.util.Map;
import java.util.Optional;

import static io.keyrenewal.contracts.partner.NotificationKind.*;

/**
 * Who notification-service tells what after a renewal event, as docs/partners.md ("Partner messages") documents it:
 * one message, to the renewal's partner administrator or to the tenant administrator, of one kind. The one table the
 * dry run reads; renewal-service does not depend on notification-service's code, so WhoIsToldTest holds it to that
 * documentation, row for row.
 */
final class WhoIsTold {

    /** Whom a message goes to: the partner administrator who acts in the renewal, or the tenant's. */
    enum Recipient { PARTNER, TENANT_ADMINISTRATOR }

    /** The message an event yields. */
    record Told(Recipient recipient, NotificationKind kind) {

        /** The role the message is addressed to in a renewal of {@code playbook}. */
        PartnerRole role(PlaybookDefinition playbook) {
            return recipient == Recipient.PARTNER ? playbook.partnerRole() : PartnerRole.TENANT_ADMINISTRATOR;
        }
    }

    private static final Map<Class<? extends RenewalEvent>, Told> TABLE = Map.ofEntries(
            partner(CertificateProvided.class, CERTIFICATE_PROVIDED),
            partner(DowntimeProposed.class, DOWNTIME_PROPOSED),
            partner(DowntimeAgreed.class, DOWNTIME_AGREED),
            partner(IntegrationFlowUndeployed.class, INTEGRATION_FLOW_UNDEPLOYED),
            partner(IntegrationFlowRedeployed.class, INTEGRATION_FLOW_REDEPLOYED),
            partner(PartnerInformedOfExchange.class, KEY_PAIR_EXCHANGED),
            partner(PartnerVerifiesBoth.class, CONFIRMATION_RECEIVED),
            partner(PartnerSwitchedToNewKey.class, CONFIRMATION_RECEIVED),
            partner(SenderStoppedSending.class, CONFIRMATION_RECEIVED),
            partner(SenderExchangedCertificate.class, CONFIRMATION_RECEIVED),
            partner(PartnerRemovedOldCertificate.class, CONFIRMATION_RECEIVED),
            partner(SenderResumedSending.class, CONFIRMATION_RECEIVED),
            partner(PartnerCertificateReceived.class, CONFIRMATION_RECEIVED),
            partner(PartnerCertificateRequested.class, PARTNER_CERTIFICATE_REQUESTED),
            partner(PartnerCertificateImported.class, PARTNER_CERTIFICATE_IMPORTED),
            partner(PartnerStepOverdue.class, STEP_OVERDUE),
            tenant(PartnerStepEscalated.class, STEP_ESCALATED),
            tenant(DowntimeOverrun.class, DOWNTIME_OVERRUN),
            tenant(KeystoreFailureRecorded.class, KEYSTORE_STEP_FAILED),
            tenant(PartnerRefusedStep.class, STEP_REFUSED),
            partner(RenewalCompleted.class, RENEWAL_COMPLETED),
            partner(RenewalAborted.class, RENEWAL_ABORTED),
            partner(KeyPairRolledBack.class, RENEWAL_ROLLED_BACK));

    private WhoIsTold() {
    }

    /** The message {@code event} yields, if any. */
    static Optional<Told> after(Class<? extends RenewalEvent> event) {
        return Optional.ofNullable(TABLE.get(event));
    }

    /** The whole table, for its test. */
    static Map<Class<? extends RenewalEvent>, Told> table() {
        return TABLE;
    }

    private static Map.Entry<Class<? extends RenewalEvent>, Told> partner(Class<? extends RenewalEvent> event,
                                                                         NotificationKind kind) {
        return Map.entry(event, new Told(Recipient.PARTNER, kind));
    }

    private static Map.Entry<Class<? extends RenewalEvent>, Told> tenant(Class<? extends RenewalEvent> event,
                                                                        NotificationKind kind) {
        return Map.entry(event, new Told(Recipient.TENANT_ADMINISTRATOR, kind));
    }
}
