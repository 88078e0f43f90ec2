package io.keyrenewal.renewal.confirmation;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.confirmation.ConfirmationRejected.Kind;
import io.keyrenewal.renewal.partner.PartnerDirectory;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.playbook.RenewalRefused;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one door for partner confirmations (and refusals: a confirmation with outcome {@code REFUSED}), from the topic
 * and from REST. A confirmation is applied only if it is
 * small enough, parses, names the renewal it arrived for, is signed with a key its partner registered, comes from
 * the renewal's partner, was made within the clock skew of its arrival (a backlog on the topic does not make it
 * stale) and is a step the renewal allows now; a confirmation id applied
 * before is acknowledged and changes nothing. Anything else is rejected with the reason, and the rejection is recorded
 * in the history of the renewal it was sent for (when that renewal exists).
 */
@Component
public class ConfirmationGate {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationGate.class);

    private static final int MAX_REASON_LENGTH = 500;

    private final CommandGateway commands;
    private final PartnerDirectory directory;
    private final ConfirmationRules rules;
    private final Clock clock;

    public ConfirmationGate(CommandGateway commands, PartnerDirectory directory, ConfirmationRules rules,
                            Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * How a confirmation arrived.
     *
     * @param rejectionId     identifies the delivery, so a redelivered rejection is recorded once
     * @param renewalId       the renewal it was sent for: the record key, or the REST path's id
     * @param signature       the detached JWS, or null if none came
     * @param authenticatedAs over REST, the partner the caller logged in as; null on the topic (the signature is
     *                        the only proof there)
     * @param waited          how long it waited to be handled since it arrived (on the topic: since the broker
     *                        appended it); zero over REST
     */
    public record Arrival(String rejectionId, String renewalId, String signature, PartnerId authenticatedAs,
                          Duration waited) {

        /** Arrived just now (over REST). */
        public Arrival(String rejectionId, String renewalId, String signature, PartnerId authenticatedAs) {
            this(rejectionId, renewalId, signature, authenticatedAs, Duration.ZERO);
        }
    }

    /**
     * Applies the confirmation or rejects it.
     *
     * @return the applied (or already applied) confirmation
     * @throws ConfirmationRejected with the reason; the rejection is already recorded
     */
    public PartnerConfirmation accept(byte[] body, Arrival arrival) {
        Instant receivedAt = clock.instant();
        PartnerConfirmation confirmation = null;
        try {
            if (body.length > rules.maxSize().toBytes()) {
                throw new ConfirmationRejected(Kind.MALFORMED, "the confirmation has " + body.length
                        + " bytes, at most " + rules.maxSize().toBytes() + " are accepted");
            }
            confirmation = read(body);
            if (!confirmation.renewalId().value().equals(arrival.renewalId())) {
                throw new ConfirmationRejected(Kind.MALFORMED, "the confirmation is about renewal "
                        + confirmation.renewalId() + " but was sent for renewal " + arrival.renewalId()
                        + " (record key or path)");
            }
            if (arrival.authenticatedAs() != null && !arrival.authenticatedAs().equals(confirmation.partnerId())) {
                throw new ConfirmationRejected(Kind.FORBIDDEN, "partner " + arrival.authenticatedAs()
                        + " cannot confirm in the name of partner " + confirmation.partnerId());
            }
            verifySignature(body, arrival.signature(), confirmation.partnerId());
            Instant arrivedAt = receivedAt.minus(arrival.waited());
            if (confirmation.refused()) {
                commands.sendAndWait(new Commands.RefusePartnerStep(confirmation.renewalId(),
                        confirmation.confirmationId(), confirmation.partnerId(), confirmation.type(),
                        confirmation.reason(), confirmation.code(), confirmation.confirmedAt(), rules.maxClockSkew(),
                        arrivedAt, receivedAt));
            } else {
                commands.sendAndWait(new Commands.ConfirmPartnerStep(confirmation.renewalId(),
                        confirmation.confirmationId(), confirmation.partnerId(), confirmation.type(),
                        confirmation.confirmedAt(), rules.maxClockSkew(), arrivedAt, receivedAt,
                        confirmation.certificate()));
            }
            log.info("Partner {} {} {} ({}) for renewal {}", confirmation.partnerId(),
                    confirmation.refused() ? "refused" : "confirmed", confirmation.type(),
                    confirmation.confirmationId(), confirmation.renewalId());
            return confirmation;
        } catch (ConfirmationRejected rejected) {
            throw recorded(rejected, confirmation, arrival, receivedAt);
        } catch (RenewalRefused refused) {
            Kind kind = refused instanceof RenewalRefused.PartnerMismatch ? Kind.FORBIDDEN : Kind.REFUSED;
            throw recorded(new ConfirmationRejected(kind, refused.getMessage()), confirmation, arrival, receivedAt);
        } catch (AggregateNotFoundException unknown) {
            throw new ConfirmationRejected(Kind.UNKNOWN_RENEWAL, "unknown renewal: no renewal has id "
                    + arrival.renewalId());
        }
    }

    private static PartnerConfirmation read(byte[] body) {
        try {
            return ContractJson.read(new String(body, StandardCharsets.UTF_8), PartnerConfirmation.class);
        } catch (MalformedMessage malformed) {
            throw new ConfirmationRejected(Kind.MALFORMED, malformed.getMessage());
        }
    }

    private void verifySignature(byte[] body, String signature, PartnerId partnerId) {
        PartnerDirectoryEntry partner = directory.find(partnerId).orElseThrow(() -> new ConfirmationRejected(
                Kind.UNAUTHENTICATED, notRegistered(partnerId)));
        try {
            ConfirmationSignatures.verify(signature, body, partner::confirmationKey);
        } catch (ConfirmationSignatures.InvalidSignature invalid) {
            throw new ConfirmationRejected(Kind.UNAUTHENTICATED, "signature of partner " + partnerId + ": "
                    + invalid.getMessage());
        }
    }

    /** Why every confirmation of a partner that is not in the directory is rejected: no key to check it with. */
    public static String notRegistered(PartnerId partnerId) {
        return "partner " + partnerId + " is not registered";
    }

    /** The reason as kept in the history: parse errors may quote the sender's input, so it is kept short. */
    private static String shortened(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "...";
    }

    /** Records the rejection in the renewal's history; a renewal that does not exist has no history to keep it. */
    private ConfirmationRejected recorded(ConfirmationRejected rejection, PartnerConfirmation confirmation,
                                          Arrival arrival, Instant at) {
        log.warn("Partner confirmation rejected ({}) for renewal {}: {}", arrival.rejectionId(), arrival.renewalId(),
                rejection.getMessage());
        if (arrival.renewalId() == null || arrival.renewalId().isBlank()) {
            return rejection;
        }
        try {
            commands.sendAndWait(new Commands.RecordConfirmationRejection(new RenewalId(arrival.renewalId()),
                    arrival.rejectionId(), confirmation == null ? null : confirmation.confirmationId(),
                    confirmation == null ? null : confirmation.partnerId().value(),
                    confirmation == null ? null : confirmation.type().name(), shortened(rejection.getMessage()), at));
        } catch (AggregateNotFoundException unknown) {
            return new ConfirmationRejected(Kind.UNKNOWN_RENEWAL, "unknown renewal: no renewal has id "
                    + arrival.renewalId() + " (and " + rejection.getMessage() + ")");
        }
        return rejection;
    }
}
