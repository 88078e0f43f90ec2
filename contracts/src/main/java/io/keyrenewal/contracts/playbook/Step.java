package io.keyrenewal.contracts.playbook;

import io.keyrenewal.contracts.partner.ConfirmationType;

import java.util.Set;

/**
 * One step of a playbook: the milestone it records, who takes it, the partner confirmation that takes it (partner
 * steps only) and the milestones that must be done first.
 */
public record Step(Milestone milestone, Actor actor, ConfirmationType confirmation, Set<Milestone> requires) {

    public Step {
        requires = Set.copyOf(requires);
        if ((actor == Actor.PARTNER) != (confirmation != null)) {
            throw new IllegalArgumentException("a partner step, and only a partner step, names its confirmation");
        }
    }

    static Step tenant(Milestone milestone, Milestone... requires) {
        return new Step(milestone, Actor.TENANT, null, Set.of(requires));
    }

    static Step partner(Milestone milestone, ConfirmationType confirmation, Milestone... requires) {
        return new Step(milestone, Actor.PARTNER, confirmation, Set.of(requires));
    }

    static Step keystore(Milestone milestone, Milestone... requires) {
        return new Step(milestone, Actor.KEYSTORE, null, Set.of(requires));
    }

    static Step system(Milestone milestone, Milestone... requires) {
        return new Step(milestone, Actor.SYSTEM, null, Set.of(requires));
    }
}
