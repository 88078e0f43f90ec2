package io.keyrenewal.renewal.inventory;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.renewal.dryrun.DryRun;
import io.keyrenewal.renewal.dryrun.RenewalPlan;
import io.keyrenewal.renewal.playbook.RenewalRefused;
import io.keyrenewal.renewal.policy.PolicyRefused;
import io.keyrenewal.renewal.policy.PolicyView;
import io.keyrenewal.renewal.policy.RenewalPolicyProjection;
import io.keyrenewal.renewal.watch.AliasFacts;
import io.keyrenewal.renewal.watch.PolicyTiming;
import io.keyrenewal.renewal.watch.WatchSupport;
import io.keyrenewal.renewal.web.StartRenewalRequest;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The alias inventory: every alias of the tenant keystore with its purpose, partner, current certificate, days left,
 * the expiry tier reported, the policy that applies and when it starts a renewal, the open and the last renewal.
 */
@RestController
@RequestMapping("/aliases")
@Tag(name = "Aliases", description = "The inventory of the tenant keystore's aliases and their expiry")
public class AliasInventoryController {

    static final String TOTAL_COUNT = "X-Total-Count";
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;
    private static final String COLUMNS = "alias, kind, purpose, partner_id, sha256, subject, issuer, serial_number,"
            + " not_before, not_after, tier_reached, open_renewal_id, open_playbook, open_started_at, open_by_policy,"
            + " last_renewal_id, last_playbook, last_state, last_ended_at";

    /** One alias as the inventory shows it. Null fields are not known (yet). */
    public record AliasItem(String alias, String kind, KeyPurpose purpose, String partnerId,
                            CertificateSummary certificate, Long daysLeft, Integer tierReached, String policy,
                            Instant renewalStartsAt, OpenRenewal openRenewal, LastRenewal lastRenewal) {
    }

    public record OpenRenewal(String renewalId, String playbook, Instant startedAt, boolean startedByPolicy) {
    }

    public record LastRenewal(String renewalId, String playbook, String state, Instant endedAt) {
    }

    /**
     * What the alias's policy would start now, without starting it: the policy, when it starts the renewal of the
     * alias's current certificate (null while the keystore has not published one) and when its next window opens
     * (null: open now, or no windows), the start request it makes and the dry run's plan of it.
     */
    public record PolicyPlan(String alias, String policy, int policyVersion, CertificateSummary certificate,
                             Instant renewalStartsAt, Instant nextWindowOpensAt, StartRenewalRequest request,
                             RenewalPlan plan) {
    }

    private final JdbcTemplate jdbc;
    private final RenewalPolicyProjection policies;
    private final WatchSupport watch;
    private final DryRun dryRun;
    private final Clock clock;

    public AliasInventoryController(JdbcTemplate jdbc, RenewalPolicyProjection policies, WatchSupport watch,
                                    DryRun dryRun, Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.watch = watch;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    @Operation(summary = "The aliases, soonest expiry first; one page",
            description = "Every filter is optional. expiringWithinDays includes the expired ones. X-Total-Count says"
                    + " how many aliases match on all pages; Link names the next and previous pages. page counts from"
                    + " 0; size is 100 unless asked, at most 1000. Aliases the keystore has not published yet (no"
                    + " certificate) come last.")
    @ApiExample(response = """
            [{"alias":"acme-signer","kind":"KEY_PAIR","purpose":"SIGN_INBOUND_RESPONSE","partnerId":"acme",\
            "certificate":{"sha256":"9f2c4e1a7b3d5c6e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e",\
            "subject":"CN=acme-signer","issuer":"CN=acme-signer","serialNumber":"1a2b",\
            "notBefore":"2026-01-01T00:00:00Z","notAfter":"2027-01-01T00:00:00Z"},"daysLeft":41,"tierReached":60,\
            "policy":"alias:acme-signer","renewalStartsAt":"2026-12-02T00:00:00Z","openRenewal":null,\
            "lastRenewal":{"renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","playbook":"PLAYBOOK_2",\
            "state":"COMPLETED","endedAt":"2026-01-10T08:00:00Z"}}]""")
    @Refusal(status = 400, title = "Invalid request", detail = "size must be between 1 and 1000, not 5000")
    @GetMapping
    public ResponseEntity<List<AliasItem>> list(
            @RequestParam(required = false) String partnerId,
            @Parameter(description = "the purpose, e.g. SIGN_INBOUND_RESPONSE")
            @RequestParam(required = false) String purpose,
            @Parameter(description = "only certificates that expire within so many days (or have expired)")
            @RequestParam(required = false) Integer expiringWithinDays,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (pageNumber < 0) {
            throw new IllegalArgumentException("page must be 0 or more, not " + pageNumber);
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", not " + pageSize);
        }
        if (expiringWithinDays != null && expiringWithinDays < 0) {
            throw new IllegalArgumentException("expiringWithinDays must be 0 or more, not " + expiringWithinDays);
        }
        KeyPurpose purposeFilter = purpose == null || purpose.isBlank() ? null : purpose(purpose);
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (partnerId != null && !partnerId.isBlank()) {
            where.append(" and partner_id = ?");
            arguments.add(partnerId.strip());
        }
        if (purposeFilter != null) {
            where.append(" and purpose = ?");
            arguments.add(purposeFilter.name());
        }
        if (expiringWithinDays != null) {
            where.append(" and not_after <= ?");
            arguments.add(Timestamp.from(now.plus(Duration.ofDays(expiringWithinDays))));
        }
        Long total = jdbc.queryForObject("select count(*) from alias_inventory" + where, Long.class,
                arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        paged.add(pageSize);
        paged.add((long) pageNumber * pageSize);
        List<AliasItem> items = jdbc.query("select " + COLUMNS + " from alias_inventory" + where
                        + " order by case when not_after is null then 1 else 0 end, not_after, alias"
                        + " limit ? offset ?", (row, number) -> item(row, now), paged.toArray());
        return ResponseEntity.ok().headers(paging(total == null ? 0 : total, pageNumber, pageSize)).body(items);
    }

    @Operation(summary = "The dry run of the renewal an alias's policy would start",
            description = "The policy that applies to the alias (its own, else its purpose's default), when it starts"
                    + " the renewal of the alias's current certificate and when its next window opens, the start"
                    + " request it makes (as POST /renewals takes it) and that request's dry run (as POST"
                    + " /renewals/dry-run answers it). Changes nothing.")
    @ApiExample(response = """
            {"alias":"acme-signer","policy":"alias:acme-signer","policyVersion":2,"certificate":{"sha256":\
            "9f2c4e1a7b3d5c6e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e","subject":"CN=acme-signer",\
            "issuer":"CN=acme-signer","serialNumber":"1a2b","notBefore":"2026-01-01T00:00:00Z",\
            "notAfter":"2027-01-01T00:00:00Z"},"renewalStartsAt":"2026-12-02T00:00:00Z",\
            "nextWindowOpensAt":"2026-12-05T21:00:00Z","request":{"alias":"acme-signer","partnerId":"acme",\
            "guaranteedDeliveryTime":"P30D","purpose":"SIGN_INBOUND_RESPONSE"},"plan":{"wouldStart":true,\
            "alias":"acme-signer","steps":[],"refusals":[]}}""")
    @Refusal(status = 404, title = "Unknown policy", detail = "no policy applies to alias acme-signer: it has none of"
            + " its own, and no renewal of it ran that would name its purpose")
    @GetMapping("/{alias}/renewal-plan")
    public PolicyPlan renewalPlan(@PathVariable String alias) {
        AliasFacts facts = watch.facts(alias);
        if (facts.policy() == null) {
            throw new PolicyRefused.NoPolicy("no policy applies to alias " + alias + ": it has none of its own"
                    + (facts.purpose() == null ? ", and no renewal of it ran that would name its purpose"
                    : " and " + facts.purpose() + " has no default"));
        }
        StartRenewalRequest request = watch.requestFor(alias, facts).orElseThrow(() ->
                new RenewalRefused.InvalidRenewalRequest(WatchSupport.noPartner(alias)));
        CertificateSummary certificate = jdbc.query("select sha256, subject, issuer, serial_number, not_before,"
                        + " not_after from alias_inventory where alias = ?", (row, number) -> certificate(row), alias)
                .stream().filter(Objects::nonNull).findFirst().orElse(null);
        Instant now = clock.instant();
        Instant startsAt = certificate == null ? null : PolicyTiming.startAt(facts.policy().policy(), certificate);
        Instant opens = PolicyTiming.nextOpening(facts.policy().policy(), startsAt == null || startsAt.isBefore(now)
                ? now : startsAt).filter(at -> !at.equals(Instant.MAX)).orElse(null);
        return new PolicyPlan(alias, facts.policy().scope().value(), facts.policy().version(), certificate, startsAt,
                opens, request, dryRun.plan(request));
    }

    private AliasItem item(ResultSet row, Instant now) throws SQLException {
        String alias = row.getString("alias");
        Integer tier = row.getObject("tier_reached") == null ? null : row.getInt("tier_reached");
        CertificateSummary certificate = certificate(row);
        KeyPurpose purpose = row.getString("purpose") == null ? null : KeyPurpose.valueOf(row.getString("purpose"));
        Optional<PolicyView> policy = policies.effective(alias, purpose).filter(view -> !view.removed());
        Instant startsAt = certificate == null ? null
                : policy.map(view -> PolicyTiming.startAt(view.policy(), certificate)).orElse(null);
        OpenRenewal open = row.getString("open_renewal_id") == null ? null : new OpenRenewal(
                row.getString("open_renewal_id"), row.getString("open_playbook"), instant(row, "open_started_at"),
                row.getBoolean("open_by_policy"));
        LastRenewal last = row.getString("last_renewal_id") == null ? null : new LastRenewal(
                row.getString("last_renewal_id"), row.getString("last_playbook"), row.getString("last_state"),
                instant(row, "last_ended_at"));
        return new AliasItem(alias, row.getString("kind"), purpose, row.getString("partner_id"), certificate,
                certificate == null ? null : certificate.daysLeft(now), tier,
                policy.map(view -> view.scope().value()).orElse(null), startsAt, open, last);
    }

    /** The row's certificate; null while the keystore has not published one. */
    private static CertificateSummary certificate(ResultSet row) throws SQLException {
        return row.getString("sha256") == null ? null : new CertificateSummary(
                new Fingerprint(row.getString("sha256")), row.getString("subject"), row.getString("issuer"),
                row.getString("serial_number"), instant(row, "not_before"), instant(row, "not_after"));
    }

    private static KeyPurpose purpose(String name) {
        try {
            return KeyPurpose.valueOf(name.strip());
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("purpose " + name + " is not a purpose; the purposes are "
                    + Arrays.toString(KeyPurpose.values()));
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static HttpHeaders paging(long total, int page, int size) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(TOTAL_COUNT, Long.toString(total));
        List<String> links = new ArrayList<>();
        if ((long) (page + 1) * size < total) {
            links.add(link(page + 1, "next"));
        }
        if (page > 0) {
            links.add(link(page - 1, "prev"));
        }
        if (!links.isEmpty()) {
            headers.set(HttpHeaders.LINK, String.join(", ", links));
        }
        return headers;
    }

    /** This listing with another page, keeping the request's filters. */
    private static String link(int page, String relation) {
        String uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page)
                .replacePath(ServletUriComponentsBuilder.fromCurrentRequest().build().getPath()).scheme(null)
                .host(null).port(null).build().toUriString();
        return "<" + uri + ">; rel=\"" + relation + "\"";
    }
}
