package io.keyrenewal.renewal.policy;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.PolicyEvent;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.policy.RenewalPolicySet;
import io.keyrenewal.renewal.partner.PartnerDirectory;
import io.keyrenewal.renewal.security.Callers;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The tenant administrator's renewal policies: set one per alias or a default per purpose, read each with its
 * history, find the one that applies to an alias, remove one. Every change is an event of the policy's history.
 */
@RestController
@RequestMapping("/policies")
@Tag(name = "Renewal policies", description = "How and when each alias (or every alias of a purpose) is renewed;"
        + " every change an event")
public class RenewalPolicyController {

    private static final Logger log = LoggerFactory.getLogger(RenewalPolicyController.class);
    private static final String INVALID = "Invalid request";
    private static final String UNKNOWN = "Unknown policy";
    private static final String NOT_A_SCOPE = "scope acme-response-signer must be alias:<alias> (e.g."
            + " alias:acme-response-signer) or purpose:<purpose> (e.g. purpose:SIGN_INBOUND_RESPONSE)";

    private final CommandGateway commands;
    private final RenewalPolicyProjection policies;
    private final PartnerDirectory partners;
    private final EventStore eventStore;
    private final Clock clock;

    public RenewalPolicyController(CommandGateway commands, RenewalPolicyProjection policies,
                                   PartnerDirectory partners, EventStore eventStore, Clock clock) {
        this.commands = commands;
        this.policies = policies;
        this.partners = partners;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** A scope's policy as it stands (null if it has none now) and every change of it, oldest first. */
    public record PolicyDetail(PolicyView current, List<PolicyChange> history) {
    }

    /**
     * One change of a policy: {@code SET} with the whole policy from then on, or {@code REMOVED}; who made it, when.
     */
    public record PolicyChange(int version, String change, String by, Instant at, PolicyDefinition policy) {
    }

    @Operation(summary = "Set the renewal policy of an alias or a purpose's default", description = "Creates or"
            + " changes the whole policy; a set that changes nothing is not recorded. {scope} is alias:<alias> or"
            + " purpose:<purpose>; a purpose's default may leave purpose out. An alias's policy names the partner,"
            + " which must be registered. 422 names every rule the policy breaks (docs/policies.md).")
    @ApiExample(request = PolicyApiExamples.POLICY, response = PolicyApiExamples.VIEW)
    @Refusal(status = 400, title = INVALID, detail = NOT_A_SCOPE)
    @Refusal(status = 422, title = "InvalidPolicy", detail = PolicyApiExamples.INVALID)
    @PutMapping("/{scope}")
    public PolicyView set(@Parameter(description = "alias:<alias> or purpose:<purpose>") @PathVariable String scope,
                          @RequestBody PolicyDefinition policy) {
        PolicyScope target = new PolicyScope(scope);
        PolicyDefinition whole = policy.purpose() == null && target.purpose().isPresent()
                ? policy.withPurpose(target.purpose().get()) : policy;
        if (whole.partnerId() != null && partners.find(whole.partnerId()).isEmpty()) {
            throw new PolicyRefused.InvalidPolicy(List.of(new PolicyRules.Problem("partnerId", "names partner "
                    + whole.partnerId() + ", which is not registered: register it first (POST /partners)")));
        }
        commands.sendAndWait(new PolicyCommands.SetPolicy(target, whole, Callers.name(), clock.instant()));
        PolicyView view = policies.find(target).orElseThrow();
        log.info("Renewal policy {} set by {}: version {}", target, Callers.name(), view.version());
        return view;
    }

    @Operation(summary = "List the renewal policies in force", description = "By scope; every filter optional. A"
            + " removed policy is not listed.")
    @ApiExample(response = "[" + PolicyApiExamples.VIEW + "]")
    @GetMapping
    public List<PolicyView> list(@RequestParam(required = false) KeyPurpose purpose,
                                 @RequestParam(required = false) String partnerId) {
        return policies.all(purpose, partnerId == null ? null : new PartnerId(partnerId));
    }

    @Operation(summary = "The policy that applies to an alias", description = "The alias's own policy, else the"
            + " default of the purpose given: what the expiry watch renews the alias by.")
    @ApiExample(response = PolicyApiExamples.VIEW)
    @Refusal(status = 400, title = INVALID, detail = "scope alias:Acme: the alias must be 1-64 lower-case letters,"
            + " digits, '.', '_' or '-', starting with a letter or digit")
    @Refusal(status = 404, title = UNKNOWN, detail = "no policy applies to alias acme-response-signer: it has none of"
            + " its own and SIGN_INBOUND_RESPONSE has no default")
    @GetMapping("/effective")
    public PolicyView effective(@RequestParam String alias, @RequestParam(required = false) KeyPurpose purpose) {
        return policies.effective(alias, purpose).orElseThrow(() -> new PolicyRefused.NoPolicy("no policy applies to"
                + " alias " + alias + ": it has none of its own" + (purpose == null ? " (name its purpose to look"
                + " for the purpose's default)" : " and " + purpose + " has no default")));
    }

    @Operation(summary = "Read a renewal policy and its history", description = "The policy as it stands (current,"
            + " null once removed) and every change, oldest first, with who made it and when.")
    @ApiExample(response = PolicyApiExamples.DETAIL)
    @Refusal(status = 400, title = INVALID, detail = "scope purpose:SIGN_EVERYTHING: SIGN_EVERYTHING is not a"
            + " purpose")
    @Refusal(status = 404, title = UNKNOWN, detail = "no policy was ever set for alias:acme-response-signer")
    @GetMapping("/{scope}")
    public PolicyDetail get(@PathVariable String scope) {
        PolicyScope target = new PolicyScope(scope);
        List<PolicyChange> history = eventStore.readEvents(target.value()).asStream()
                .map(message -> message.getPayload()).filter(PolicyEvent.class::isInstance).map(PolicyEvent.class::cast)
                .map(event -> event instanceof RenewalPolicySet set
                        ? new PolicyChange(set.version(), "SET", set.by(), set.at(), set.policy())
                        : new PolicyChange(event.version(), "REMOVED", event.by(), event.at(), null))
                .toList();
        if (history.isEmpty()) {
            throw neverSet(target);
        }
        return new PolicyDetail(policies.find(target).filter(view -> !view.removed()).orElse(null), history);
    }

    @Operation(summary = "Remove a renewal policy", description = "An alias falls back to its purpose's default, a"
            + " purpose to none; the policy may be set again later, as its next version. Answers the policy as"
            + " removed.")
    @ApiExample(response = PolicyApiExamples.REMOVED)
    @Refusal(status = 400, title = INVALID, detail = NOT_A_SCOPE)
    @Refusal(status = 404, title = UNKNOWN, detail = "the policy of alias:acme-response-signer was removed (version"
            + " 3); there is nothing to remove")
    @DeleteMapping("/{scope}")
    public PolicyView remove(@PathVariable String scope) {
        PolicyScope target = new PolicyScope(scope);
        try {
            commands.sendAndWait(new PolicyCommands.RemovePolicy(target, Callers.name(), clock.instant()));
        } catch (AggregateNotFoundException never) {
            throw neverSet(target);
        }
        log.info("Renewal policy {} removed by {}", target, Callers.name());
        return policies.find(target).orElseThrow();
    }

    private static PolicyRefused.NoPolicy neverSet(PolicyScope scope) {
        return new PolicyRefused.NoPolicy("no policy was ever set for " + scope);
    }
}
