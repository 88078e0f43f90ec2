package io.keyrenewal.notification.preview;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.notification.partner.RenewalMessages;
import io.keyrenewal.notification.preview.PlanToPreview.PlannedMessage;
import io.keyrenewal.notification.preview.PlanToPreview.PlannedStep;
import io.keyrenewal.notification.preview.PreviewedMessage.PreviewedAttachment;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.RenewedKey;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The messages of a dry run's plan, rendered as the service would send them in a renewal of that request: for each
 * planned message the event the plan describes ({@link PlannedEvents}) goes through the composers and templates the
 * listener uses ({@link RenewalMessages}), against the renewal as this service would know it at that step (from its
 * start, then the downtime agreed and the key pair exchanged as the plan takes them). Nothing is remembered, stored,
 * queued or sent.
 * <p>
 * What only the real renewal will know the events carry as sentinels ({@link NotYetKnown}); in the rendered subject,
 * text and attachment names each is replaced by its marked placeholder, and the message lists the placeholders it
 * has. Where the plan agrees a downtime, the renewal is known to have one from that step on, until the sentinel end of
 * the window.
 * <p>
 * A message that would still show something of a sentinel after the replacement (a value cut or reformatted by its
 * composer or template) is not rendered: the preview never passes a sentinel off as a real value.
 */
@Component
public class PlanPreview {

    private final RenewalMessages messages;

    public PlanPreview(RenewalMessages messages) {
        this.messages = messages;
    }

    public List<PreviewedMessage> of(PlanToPreview plan) {
        if (plan.playbook() == null || plan.steps().isEmpty()) {
            return List.of();
        }
        PlaybookDefinition playbook = playbook(plan);
        if (plan.alias() == null || plan.alias().isBlank()) {
            throw new PlanNotPreviewable("the plan names no alias");
        }
        if (plan.partner() == null || plan.partner().partnerId() == null || plan.partner().partnerId().isBlank()) {
            throw new PlanNotPreviewable("the plan names no partner (partner.partnerId)");
        }
        PartnerId partnerId;
        try {
            partnerId = new PartnerId(plan.partner().partnerId());
        } catch (IllegalArgumentException invalid) {
            throw new PlanNotPreviewable("the plan's partner.partnerId is not a partner id: " + invalid.getMessage());
        }
        PlannedEvents events = new PlannedEvents(plan, playbook, partnerId);
        // as the listener remembers it from RenewalStarted
        KnownRenewal renewal = new KnownRenewal(PlannedEvents.RENEWAL_ID, partnerId, plan.alias(),
                playbook.playbook(), playbook.partnerRole(), RenewedKey.of(playbook.newKeyPair()),
                playbook.partnerCertificateUse());
        List<PreviewedMessage> previews = new ArrayList<>();
        for (PlannedStep step : plan.steps()) {
            KnownRenewal whileAwaited = renewal;
            renewal = after(renewal, step);
            for (PlannedMessage message : step.tells()) {
                previews.add(preview(renewal, step, message, events));
            }
            for (PlannedMessage message : step.ifLate()) {
                previews.add(preview(whileAwaited, step, message, events));
            }
        }
        return previews;
    }

    /** What the listener keeps track of as the renewal takes {@code step}. */
    private static KnownRenewal after(KnownRenewal renewal, PlannedStep step) {
        if (step.earliestAt() == null) {
            return renewal;
        }
        return switch (String.valueOf(step.event())) {
            case "DowntimeAgreed" -> renewal.withDowntimeUntil(NotYetKnown.WINDOW_END.instant());
            case "KeyPairExchanged" -> renewal.withKeyPairExchangedAt(step.earliestAt());
            default -> renewal;
        };
    }

    private PreviewedMessage preview(KnownRenewal renewal, PlannedStep step, PlannedMessage message,
                                     PlannedEvents events) {
        PlannedEvents.Derived derived = events.of(step, message);
        if (derived.event() == null) {
            return PreviewedMessage.notRendered(step.step(), message.event(), message.recipient(), message.kind(),
                    derived.reason());
        }
        return messages.of(renewal, derived.event()).stream()
                .filter(composed -> composed.message().recipient().name().equals(message.recipient()))
                .findFirst()
                .map(composed -> marked(step, message, composed))
                .orElseGet(() -> PreviewedMessage.notRendered(step.step(), message.event(), message.recipient(),
                        message.kind(), "notification-service sends " + message.recipient() + " no message after "
                                + message.event()));
    }

    /** The message with every sentinel replaced by its placeholder, or not rendered where one would be left. */
    private static PreviewedMessage marked(PlannedStep step, PlannedMessage message, RenewalMessages.Composed composed) {
        Set<NotYetKnown> used = NotYetKnown.none();
        String subject = NotYetKnown.mark(composed.rendered().subject(), used);
        String text = NotYetKnown.mark(composed.rendered().text(), used);
        List<PreviewedAttachment> attachments = composed.message().attachments().stream()
                .map(attachment -> new PreviewedAttachment(NotYetKnown.mark(attachment.fileName(), used),
                        NotYetKnown.leftIn(attachment.content())))
                .toList();
        if (NotYetKnown.leftIn(subject) || NotYetKnown.leftIn(text)
                || attachments.stream().anyMatch(attachment -> NotYetKnown.leftIn(attachment.name()))) {
            return PreviewedMessage.notRendered(step.step(), message.event(), message.recipient(), message.kind(),
                    "it shows what only the real renewal will know in a form the preview cannot mark with a"
                            + " placeholder");
        }
        return PreviewedMessage.rendered(step.step(), message.event(), message.recipient(),
                composed.message().kind(), subject, text, used.stream().map(NotYetKnown::placeholder).toList(),
                attachments);
    }

    private static PlaybookDefinition playbook(PlanToPreview plan) {
        try {
            return Playbooks.of(Playbook.valueOf(plan.playbook().playbook()));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            throw new PlanNotPreviewable("the plan's playbook " + plan.playbook().playbook()
                    + " is not in the catalogue this service knows");
        }
    }
}
