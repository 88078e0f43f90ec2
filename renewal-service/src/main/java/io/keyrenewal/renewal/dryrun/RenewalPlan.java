package io.keyrenewal.renewal.dryrun;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.renewal.playbook.PlaybookChoice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a start request would do, without doing it ({@code POST /renewals/dry-run}): the playbook it would follow, its
 * steps in the order the renewal takes them if every party acts at once, who is told what at each, the earliest dates,
 * and what would be refused now and why.
 *
 * @param wouldStart whether {@code POST /renewals} would start it now (no refusal at {@code START}); a refusal of a
 *                   later step does not stop the start, but the renewal would stop there
 * @param playbook   null where no playbook can be chosen (a refusal says why); then there are no steps and no dates
 */
public record RenewalPlan(boolean wouldStart, String alias, ExchangeApproval exchangeApproval, PlaybookUsed playbook,
                          PartnerFacts partner, List<PlannedStep> steps, Dates dates, List<Refusal> refusals) {

    /** The step of a refusal that the start itself meets. */
    public static final String START = "START";

    /**
     * The playbook and how it was chosen.
     *
     * @param chosenBy            {@code NAMED}, {@code PURPOSE} (the catalogue's only playbook for it) or
     *                            {@code PURPOSE_AND_CAPABILITY}
     * @param partnerUsesBothKeys the partner's registered capability where it chose; null otherwise
     */
    public record PlaybookUsed(String playbook, int number, String title, int catalogueVersion,
                               PlaybookChoice.How chosenBy, KeyPurpose purpose, Boolean partnerUsesBothKeys) {
    }

    /**
     * The partner as the directory knows it now.
     *
     * @param role             the partner administrator who acts and is told (from the playbook); null without one
     * @param confirmationKeys the key ids it signs its confirmations with (public keys; none: it cannot confirm)
     * @param channels         where its messages go: kafka, email, webhook (a partner not registered: kafka only)
     */
    public record PartnerFacts(String partnerId, String role, boolean registered, List<String> confirmationKeys,
                               List<String> channels) {
    }

    /**
     * One step, in the order the renewal takes it.
     *
     * @param actor                   who takes it in the catalogue: tenant, partner, keystore or system
     * @param takenBy                 who takes it in this renewal: the actor, or system for a tenant step an automatic
     *                                renewal takes itself
     * @param event                   the event type that records it
     * @param earliestAt              when, if every party acts at once (the removal waits for the retention's end)
     * @param confirmation            a partner step: the confirmation the partner sends
     * @param respondWithin           a partner step: its respond-by date comes this long after it is asked; the
     *                                partner is reminded then
     * @param escalatedAfter          a partner step: still awaited this long after it is asked, the tenant is alerted
     * @param needs                   a tenant step: the body fields it needs
     * @param automaticRenewalTakesIt a tenant step: whether an automatic renewal takes it itself
     * @param tells                   the messages its event yields, to whom
     * @param ifLate                  the messages that follow when it is late: reminder and escalation of a partner
     *                                step, the overrun of the downtime window at the step that ends the downtime
     */
    public record PlannedStep(String step, String actor, String takenBy, String event, Instant earliestAt,
                              ConfirmationType confirmation, Duration respondWithin, Duration escalatedAfter,
                              List<String> needs, Boolean automaticRenewalTakesIt, List<Message> tells,
                              List<Message> ifLate) {
    }

    /**
     * A message notification-service would send (docs/partners.md), unrendered.
     *
     * @param event     the event it follows
     * @param recipient the role it is addressed to
     * @param asks      the confirmation it asks the partner for, if any
     */
    public record Message(String event, String recipient, NotificationKind kind, ConfirmationType asks) {
    }

    /**
     * The dates of the plan, if every party acts at once.
     *
     * @param retention            max(90 days, guaranteed delivery time)
     * @param retentionStartsAt    the step from which the old key pair (or certificate) is retained
     * @param earliestRetentionEnd {@code start} plus the retention: the retention starts at {@code start} at the
     *                             earliest
     * @param earliestRemoval      when the system decides the old key pair's removal at the earliest: the retention's
     *                             end; the keystore removes it then and the renewal completes
     * @param abortUntil           the step from which an abort is no longer possible
     * @param rollbackUntil        the step after which a rollback is no longer possible; null: no rollback
     */
    public record Dates(Instant start, Duration retention, String retentionStartsAt, Instant earliestRetentionEnd,
                        Instant earliestRemoval, String abortUntil, String rollbackUntil) {
    }

    /**
     * Something that would be refused now.
     *
     * @param step   {@code START}, or the step the renewal would stop at
     * @param title  the refusal as the real answer titles it ({@code AliasInRenewal}, {@code InvalidRenewalRequest},
     *               {@code PartnerConfirmationRejected}, ...)
     * @param status the HTTP status of the real answer ({@code POST /renewals}, or the partner's confirmation over
     *               REST)
     * @param reason the real answer's reason, word for word
     */
    public record Refusal(String step, String title, int status, String reason) {
    }
}
