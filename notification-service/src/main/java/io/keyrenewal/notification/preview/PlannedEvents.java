package io.keyrenewal.notification.preview;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.notification.preview.PlanToPreview.PlannedMessage;
import io.keyrenewal.notification.preview.PlanToPreview.PlannedStep;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The renewal event a planned message follows, built from the plan as the renewal would record it, for the composers
 * the listener runs. What only a real event has is derived from the plan:
 * <ul>
 *   <li>the renewal id: {@link #RENEWAL_ID}, no renewal exists;</li>
 *   <li>when it happens: its step's {@code earliestAt} (every party acts at once);</li>
 *   <li>a respond-by date: the step's {@code earliestAt} plus the {@code respondWithin} of the plan's step that awaits
 *       the confirmation asked, as the renewal sets it;</li>
 *   <li>a reminder ({@code ifLate}): awaited since the late step's {@code earliestAt}, reminded its
 *       {@code respondWithin} later; an escalation its {@code escalatedAfter} later;</li>
 *   <li>until when the old key (or the partner's previous certificate) is kept where the step starts its retention:
 *       the step's {@code earliestAt} plus the plan's {@code retention};</li>
 *   <li>the recipient, the confirmation asked, what the partner does with the tenant's certificate and what the tenant
 *       does with the partner's: the plan's and the catalogue playbook's.</li>
 * </ul>
 * What no plan knows the event carries as a sentinel of {@link NotYetKnown}, which the preview replaces by a marked
 * placeholder in the rendered message: a certificate the keystore makes or the partner sends, the certificate the alias
 * holds, the downtime window the tenant proposes, who proposes it or (un)deploys the integration flow, the id the
 * partner gives its confirmation.
 */
final class PlannedEvents {

    /** The renewal id the messages of a preview name. */
    static final RenewalId RENEWAL_ID = new RenewalId("(dry run)");

    private static final String CONFIRMATION_ID = NotYetKnown.CONFIRMATION_ID.value();
    private static final String DEVELOPER = NotYetKnown.INTEGRATION_DEVELOPER.value();

    /** The event of a message, or why a plan cannot say it. */
    record Derived(RenewalEvent event, String reason) {
    }

    private final PlanToPreview plan;
    private final PlaybookDefinition playbook;
    private final PartnerId partnerId;

    PlannedEvents(PlanToPreview plan, PlaybookDefinition playbook, PartnerId partnerId) {
        this.plan = plan;
        this.playbook = playbook;
        this.partnerId = partnerId;
    }

    Derived of(PlannedStep step, PlannedMessage message) {
        Instant at = step.earliestAt();
        Instant windowStart = NotYetKnown.WINDOW_START.instant();
        Instant windowEnd = NotYetKnown.WINDOW_END.instant();
        return switch (Objects.requireNonNullElse(message.event(), "")) {
            case "PartnerVerifiesBoth" -> built(() -> new PartnerVerifiesBoth(RENEWAL_ID, partnerId, CONFIRMATION_ID,
                    at));
            case "PartnerRemovedOldCertificate" -> built(() -> new PartnerRemovedOldCertificate(RENEWAL_ID, partnerId,
                    CONFIRMATION_ID, at));
            case "SenderExchangedCertificate" -> built(() -> new SenderExchangedCertificate(RENEWAL_ID, partnerId,
                    CONFIRMATION_ID, at));
            case "SenderStoppedSending" -> built(() -> new SenderStoppedSending(RENEWAL_ID, partnerId, CONFIRMATION_ID,
                    at, message.asks()));
            case "PartnerSwitchedToNewKey" -> built(() -> new PartnerSwitchedToNewKey(RENEWAL_ID, partnerId,
                    CONFIRMATION_ID, retainedUntil(step), at));
            case "PartnerCertificateRequested" -> built(() -> new PartnerCertificateRequested(RENEWAL_ID, plan.alias(),
                    partnerId, recipient(message), playbook.playbook(), at, respondBy(at, message.asks()),
                    message.asks(), playbook.partnerCertificateUse()));
            case "PartnerStepOverdue" -> built(() -> new PartnerStepOverdue(RENEWAL_ID, partnerId, recipient(message),
                    Objects.requireNonNullElse(message.asks(), step.confirmation()), at,
                    later(at, step.respondWithin())));
            case "PartnerStepEscalated" -> built(() -> new PartnerStepEscalated(RENEWAL_ID, partnerId,
                    step.confirmation(), at, later(at, step.escalatedAfter())));
            case "RenewalCompleted" -> built(() -> new RenewalCompleted(RENEWAL_ID, plan.alias(), partnerId, at));
            case "CertificateProvided" -> built(() -> new CertificateProvided(RENEWAL_ID, plan.alias(), partnerId,
                    recipient(message), playbook.playbook(), NotYetKnown.newCertificate(), at,
                    respondBy(at, message.asks()), message.asks(), playbook.certificateUse()));
            case "PartnerInformedOfExchange" -> built(() -> new PartnerInformedOfExchange(RENEWAL_ID, partnerId,
                    recipient(message), playbook.playbook(), NotYetKnown.newCertificate().ref(), at,
                    respondBy(at, message.asks()), message.asks()));
            case "KeyPairRolledBack" -> built(() -> new KeyPairRolledBack(RENEWAL_ID, plan.alias(), partnerId,
                    recipient(message), NotYetKnown.currentCertificate(), at));
            case "PartnerCertificateReceived" -> built(() -> new PartnerCertificateReceived(RENEWAL_ID, plan.alias(),
                    partnerId, CONFIRMATION_ID, NotYetKnown.partnersCertificate(), at,
                    playbook.partnerCertificateUse()));
            case "PartnerCertificateImported" -> built(() -> new PartnerCertificateImported(RENEWAL_ID, plan.alias(),
                    partnerId, recipient(message), playbook.playbook(), NotYetKnown.partnersCertificate().ref(),
                    NotYetKnown.partnersCurrentCertificate(), at, respondBy(at, message.asks()), message.asks(),
                    playbook.partnerCertificateUse(), retainedUntil(step)));
            case "DowntimeProposed" -> built(() -> new DowntimeProposed(RENEWAL_ID, partnerId, windowStart, windowEnd,
                    NotYetKnown.PROPOSED_BY.value(), at, respondBy(at, message.asks())));
            case "DowntimeAgreed" -> built(() -> new DowntimeAgreed(RENEWAL_ID, partnerId, CONFIRMATION_ID,
                    windowStart, windowEnd, at, respondBy(at, message.asks()), message.asks()));
            case "SenderResumedSending" -> built(() -> new SenderResumedSending(RENEWAL_ID, partnerId,
                    CONFIRMATION_ID, NotYetKnown.ACTUAL_DOWNTIME.duration(), windowStart, windowEnd, at));
            case "DowntimeOverrun" -> built(() -> new DowntimeOverrun(RENEWAL_ID, partnerId, windowEnd, at));
            case "IntegrationFlowUndeployed" -> built(() -> new IntegrationFlowUndeployed(RENEWAL_ID, partnerId,
                    DEVELOPER, at));
            case "IntegrationFlowRedeployed" -> built(() -> new IntegrationFlowRedeployed(RENEWAL_ID, partnerId,
                    DEVELOPER, at));
            default -> new Derived(null, "a plan does not say what " + message.event() + " carries");
        };
    }

    /** The event, or where the plan lacks what it needs (a date, the confirmation), why. */
    private static Derived built(Supplier<RenewalEvent> event) {
        try {
            return new Derived(event.get(), null);
        } catch (IllegalArgumentException | NullPointerException incomplete) {
            return new Derived(null, "the plan lacks what the event needs: " + incomplete.getMessage());
        }
    }

    private static PartnerRole recipient(PlannedMessage message) {
        return PartnerRole.valueOf(message.recipient());
    }

    /** As the renewal sets it: the asked step's reminder period after the message. */
    private Instant respondBy(Instant at, ConfirmationType asks) {
        return plan.steps().stream().filter(step -> asks != null && step.confirmation() == asks)
                .map(PlannedStep::respondWithin).filter(Objects::nonNull).findFirst()
                .map(at::plus).orElse(null);
    }

    /** Where {@code step} starts the retention, its end; otherwise none, as the renewal records it. */
    private Instant retainedUntil(PlannedStep step) {
        PlanToPreview.Dates dates = plan.dates();
        if (dates == null || dates.retention() == null || !Objects.equals(dates.retentionStartsAt(), step.step())) {
            return null;
        }
        return step.earliestAt().plus(dates.retention());
    }

    private static Instant later(Instant at, Duration after) {
        return after == null ? at : at.plus(after);
    }
}
