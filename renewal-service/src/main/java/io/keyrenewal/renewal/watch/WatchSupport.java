package io.keyrenewal.renewal.watch;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.dryrun.DryRun;
import io.keyrenewal.renewal.dryrun.RenewalPlan;
import io.keyrenewal.renewal.policy.PolicyView;
import io.keyrenewal.renewal.policy.RenewalPolicyProjection;
import io.keyrenewal.renewal.query.OpenRenewalAliases;
import io.keyrenewal.renewal.web.RenewalStarts;
import io.keyrenewal.renewal.web.StartRenewalRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the watch reads and does outside its own history: the service's clock, the tiers, what is known of an alias
 * (each an indexed lookup of that alias) and the start of a renewal by its policy.
 */
@Component
@EnableConfigurationProperties(ExpiryTiers.class)
public class WatchSupport {

    private static final Logger log = LoggerFactory.getLogger(WatchSupport.class);

    /** A start by policy: the renewal started, or why it could not. */
    public record Start(RenewalId renewalId, PartnerId partnerId, Playbook playbook, String refusal) {

        static Start refused(String reason) {
            return new Start(null, null, null, reason);
        }
    }

    private final Clock clock;
    private final ExpiryTiers tiers;
    private final JdbcTemplate jdbc;
    private final RenewalPolicyProjection policies;
    private final DryRun dryRun;
    private final RenewalStarts starts;
    private final OpenRenewalAliases openAliases;

    public WatchSupport(Clock clock, ExpiryTiers tiers, JdbcTemplate jdbc, RenewalPolicyProjection policies,
                        DryRun dryRun, RenewalStarts starts, OpenRenewalAliases openAliases) {
        this.clock = clock;
        this.tiers = tiers;
        this.jdbc = jdbc;
        this.policies = policies;
        this.dryRun = dryRun;
        this.starts = starts;
        this.openAliases = openAliases;
    }

    public Instant now() {
        return clock.instant();
    }

    public ExpiryTiers tiers() {
        return tiers;
    }

    /**
     * The alias's partner and purpose: its own policy's where it names them, else its last renewal's; its renewal
     * under way; the policy that applies (its own, else its purpose's default).
     */
    public AliasFacts facts(String alias) {
        Optional<PolicyView> own = policies.find(PolicyScope.ofAlias(alias)).filter(view -> !view.removed());
        String[] renewed = jdbc.query("select partner_id, purpose from alias_inventory where alias = ?",
                rows -> rows.next() ? new String[] {rows.getString(1), rows.getString(2)} : new String[2], alias);
        PartnerId partner = own.map(view -> view.policy().partnerId())
                .orElse(renewed[0] == null ? null : new PartnerId(renewed[0]));
        KeyPurpose purpose = own.map(view -> view.policy().purpose())
                .orElse(renewed[1] == null ? null : KeyPurpose.valueOf(renewed[1]));
        RenewalId open = openAliases.holder(alias).map(RenewalId::new).orElse(null);
        PolicyView policy = own.orElseGet(() -> purpose == null ? null : policies.effective(alias, purpose)
                .orElse(null));
        return new AliasFacts(partner, purpose, open, policy);
    }

    /**
     * The start request the policy of {@code facts} makes for {@code alias}, as {@code POST /renewals} takes it; empty
     * when no partner is known for the alias (an alias's own policy names one; a purpose's default takes the alias's
     * last renewal's).
     */
    public Optional<StartRenewalRequest> requestFor(String alias, AliasFacts facts) {
        PolicyDefinition policy = facts.policy().policy();
        if (facts.partnerId() == null) {
            return Optional.empty();
        }
        return Optional.of(new StartRenewalRequest(alias, facts.partnerId().value(),
                policy.guaranteedDeliveryTime(), policy.purpose() == null ? facts.purpose() : policy.purpose(),
                policy.playbook(), policy.keyAlgorithm(), policy.exchangeApproval(), policy.subjectDn(),
                policy.validityDays(), policy.certificateSource()));
    }

    /** Why the policy makes no start request for {@code alias}. */
    public static String noPartner(String alias) {
        return "no partner is known for alias " + alias + ": its policy names none and no renewal of it ran; set the"
                + " alias's own policy with its partnerId (PUT /policies/alias:" + alias + ")";
    }

    /**
     * Starts the renewal of {@code certificate} as the policy of {@code facts} asks, in the caller's transaction. It
     * asks the dry run first, so that a start that would be refused is not sent (a refused command would spoil the
     * transaction the watch's own event is in); any refusal of the plan, the partner's steps' included, keeps it from
     * starting.
     */
    public Start start(String alias, CertificateSummary certificate, AliasFacts facts, Instant now) {
        Optional<StartRenewalRequest> asked = requestFor(alias, facts);
        if (asked.isEmpty()) {
            return Start.refused(noPartner(alias));
        }
        StartRenewalRequest request = asked.get();
        RenewalPlan plan = dryRun.plan(request);
        if (!plan.refusals().isEmpty()) {
            return Start.refused(plan.refusals().stream().map(refusal -> refusal.title() + ": " + refusal.reason())
                    .collect(Collectors.joining("; ")));
        }
        RenewalId renewalId = AliasWatch.renewalIdOf(alias, certificate);
        starts.start(renewalId, request, now);
        log.info("Renewal {} started by policy {} for alias {} (certificate {})", renewalId,
                facts.policy().scope(), alias, certificate.serialNumber());
        return new Start(renewalId, facts.partnerId(), starts.playbookFor(request), null);
    }
}
