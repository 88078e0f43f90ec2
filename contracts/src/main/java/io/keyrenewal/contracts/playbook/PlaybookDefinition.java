package io.keyrenewal.contracts.playbook;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.CertificateUse;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A playbook as data: its steps in order, who takes each, what each needs first. The renewal aggregate reads it to
 * decide whether a step is allowed now, which steps the system takes by itself, and who must act next.
 *
 * @param number            its number in the catalogue, as people name it ("playbook 3")
 * @param title             what it renews and how, in a few words, for the dashboard and the CLI
 * @param purpose           what the renewed key does: a renewal started for a purpose follows a playbook for it
 * @param partnerUsesBothKeys the partner's registered capability the playbook is for, among those of its purpose:
 *                          true, it works with the old and the new key at once (no downtime); false, with one at a
 *                          time; null, either
 * @param retentionStartsAt the milestone from which the old key pair is retained (the exchange, or the partner's
 *                          switch)
 * @param certificateUse    what the partner is to do with the new certificate when it is provided
 * @param stagedKeyPair     whether the new key pair waits staged until the exchange (signing keys) or is usable at
 *                          once (decryption keys)
 * @param rollbackUntil     the milestone after which a rollback is no longer possible (null: no rollback)
 * @param abortUntil        the milestone from which an abort is no longer possible
 */
public record PlaybookDefinition(Playbook playbook, int number, String title, KeyPurpose purpose,
                                 Boolean partnerUsesBothKeys, PartnerRole partnerRole, List<Step> steps,
                                 CertificateUse certificateUse, Milestone retentionStartsAt, boolean stagedKeyPair,
                                 Milestone rollbackUntil, Milestone abortUntil) {

    public PlaybookDefinition {
        steps = List.copyOf(steps);
    }

    /**
     * The keystore's instruction for the new key pair, as {@code RenewalStarted} carries it: none where the playbook
     * renews a partner's certificate (no key pair of the tenant's is created).
     */
    public KeyPairActivation newKeyPair() {
        if (step(Milestone.KEY_PAIR_CREATED).isEmpty()) {
            return KeyPairActivation.NONE;
        }
        return stagedKeyPair ? KeyPairActivation.STAGED_UNTIL_EXCHANGE : KeyPairActivation.ACTIVE_AT_ONCE;
    }

    /**
     * What the tenant does with the partner's certificate where the playbook replaces it (no key pair of the tenant's
     * is made), as the events of the renewal carry it; null where it renews the tenant's key pair.
     */
    public PartnerCertificateUse partnerCertificateUse() {
        return newKeyPair() == KeyPairActivation.NONE ? purpose.partnerCertificateUse() : null;
    }

    /**
     * The milestone that ends the playbook's agreed downtime: the sender resumes sending, or the tenant's integration
     * flow is redeployed; an overrun of the window is what is missing then.
     */
    public Milestone downtimeEnd() {
        return step(Milestone.SENDER_RESUMED_SENDING).isPresent() ? Milestone.SENDER_RESUMED_SENDING
                : Milestone.FLOW_REDEPLOYED;
    }

    public Optional<Step> step(Milestone milestone) {
        return steps.stream().filter(step -> step.milestone() == milestone).findFirst();
    }

    public Optional<Step> partnerStep(ConfirmationType confirmation) {
        return steps.stream().filter(step -> step.confirmation() == confirmation).findFirst();
    }

    /** Why {@code milestone} cannot be taken now by {@code actor}, or empty if it can. */
    public Optional<String> refusal(Milestone milestone, Actor actor, Set<Milestone> done) {
        Optional<Step> step = step(milestone);
        if (step.isEmpty()) {
            return Optional.of(name(milestone) + " is not a step of playbook " + playbook);
        }
        if (step.get().actor() != actor) {
            return Optional.of(name(milestone) + " is the " + step.get().actor().name().toLowerCase()
                    + "'s step, not the " + actor.name().toLowerCase() + "'s");
        }
        if (done.contains(milestone)) {
            return Optional.of(name(milestone) + " is already done");
        }
        Set<Milestone> missing = step.get().requires().stream().filter(required -> !done.contains(required))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Milestone.class)));
        if (!missing.isEmpty()) {
            return Optional.of(name(milestone) + " is not allowed yet: it needs "
                    + missing.stream().map(PlaybookDefinition::name).collect(Collectors.joining(", ")) + " first");
        }
        return Optional.empty();
    }

    /** Steps whose preconditions hold and that are not done yet, in playbook order. */
    public List<Step> allowedNow(Set<Milestone> done) {
        return steps.stream().filter(step -> !done.contains(step.milestone()))
                .filter(step -> done.containsAll(step.requires())).toList();
    }

    /** Whether every step is done. */
    public boolean complete(Set<Milestone> done) {
        return steps.stream().map(Step::milestone).filter(milestone -> milestone != Milestone.COMPLETED)
                .allMatch(done::contains);
    }

    /** The actors who must act next, e.g. {@code {partner}}, in playbook order. */
    public Map<Actor, List<Milestone>> nextActors(Set<Milestone> done) {
        Map<Actor, List<Milestone>> next = new LinkedHashMap<>();
        for (Step step : allowedNow(done)) {
            next.computeIfAbsent(step.actor(), actor -> new java.util.ArrayList<>()).add(step.milestone());
        }
        return next;
    }

    static String name(Milestone milestone) {
        return milestone.name();
    }
}
