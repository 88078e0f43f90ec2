package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.partner.ConfirmationType;

import java.time.Instant;

/** Payload of a reminder or escalation deadline: the confirmation awaited, and since when. */
public record PartnerStepDeadline(ConfirmationType expected, Instant waitingSince) {
}
