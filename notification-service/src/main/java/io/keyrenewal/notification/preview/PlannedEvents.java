package io.keyrenewal.notification.preview;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
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
 *   <li>the partner's confirmation id: {@link #CONFIRMATION_ID}, the partner chooses it;</li>
 *   <li>until when the old key is kept where the partner's switch starts its retention: the switch's
 *       {@code earliestAt} plus the plan's {@code retention};</li>
 *   <li>the recipient and what the tenant does with a partner's certificate: the plan's and the catalogue
 *       playbook's.</li>
 * </ul>
 * An event that carries what no plan knows is not built, and the message is not rendered: a certificate the keystore
 * creates or the partner sends only when the renewal runs, a downtime window the tenant proposes only then, the
 * integration developer who (un)deploys the flow.
 */
final class PlannedEvents {

    /** The renewal id the messages of a preview name. */
    static final RenewalId RENEWAL_ID = new RenewalId("(dry run)");
    /** The id of a partner's confirmation, which the partner chooses. */
    static final String CONFIRMATION_ID = "<your confirmationId>";

    private static final String TENANTS_CERTIFICATE = "it describes the tenant's new certificate (fingerprint, serial,"
            + " validity), which the keystore creates only when the renewal runs";
    private static final String PARTNERS_CERTIFICATE = "it describes the partner's new certificate, which the partner"
            + " sends only when the renewal runs";
    private static final String DOWNTIME_WINDOW = "it names the downtime window, which the tenant proposes only at"
            + " the renewal's DOWNTIME_PROPOSED step";
    private static final String DEVELOPER = "it names the integration developer who undeploys or redeploys the flow,"
            + " known only when they record it";

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
                    CONFIRMATION_ID, retainOldKeyUntil(step), at));
            case "PartnerCertificateRequested" -> built(() -> new PartnerCertificateRequested(RENEWAL_ID, plan.alias(),
                    partnerId, recipient(message), playbook.playbook(), at, respondBy(at, message.asks()),
                    message.asks(), playbook.partnerCertificateUse()));
            case "PartnerStepOverdue" -> built(() -> new PartnerStepOverdue(RENEWAL_ID, partnerId, recipient(message),
                    Objects.requireNonNullElse(message.asks(), step.confirmation()), at,
                    later(at, step.respondWithin())));
            case "PartnerStepEscalated" -> built(() -> new PartnerStepEscalated(RENEWAL_ID, partnerId,
                    step.confirmation(), at, later(at, step.escalatedAfter())));
            case "RenewalCompleted" -> built(() -> new RenewalCompleted(RENEWAL_ID, plan.alias(), partnerId, at));
            case "CertificateProvided", "PartnerInformedOfExchange", "KeyPairRolledBack" ->
                    new Derived(null, TENANTS_CERTIFICATE);
            case "PartnerCertificateReceived", "PartnerCertificateImported" -> new Derived(null, PARTNERS_CERTIFICATE);
            case "DowntimeProposed", "DowntimeAgreed", "SenderResumedSending", "DowntimeOverrun" ->
                    new Derived(null, DOWNTIME_WINDOW);
            case "IntegrationFlowUndeployed", "IntegrationFlowRedeployed" -> new Derived(null, DEVELOPER);
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

    /** Where the partner's switch starts the retention, its end; otherwise none, as the renewal records it. */
    private Instant retainOldKeyUntil(PlannedStep step) {
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
