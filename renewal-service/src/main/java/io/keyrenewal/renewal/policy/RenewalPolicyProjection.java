package io.keyrenewal.renewal.policy;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.policy.PolicyEvent;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.policy.RenewalPolicySet;
import io.keyrenewal.renewal.inventory.AliasInventory;
import io.keyrenewal.renewal.watch.WatchReviews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Read model of the renewal policies, kept in the command's transaction (subscribing processor), so that a policy is
 * read as set as soon as the command answers. Every policy event carries what the row needs, so the live projection
 * and a read-model rebuild write it the same way ({@link #replayed}).
 */
@Component
@ProcessingGroup(RenewalPolicyProjection.PROCESSING_GROUP)
public class RenewalPolicyProjection {

    public static final String PROCESSING_GROUP = "policy-views";

    private final JdbcTemplate jdbc;
    private final AliasInventory inventory;
    private final WatchReviews reviews;

    public RenewalPolicyProjection(JdbcTemplate jdbc, AliasInventory inventory, @Lazy WatchReviews reviews) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.reviews = reviews;
    }

    /** Live: the row, the alias's partner and purpose in the inventory, and a review of the watches it applies to. */
    @EventHandler
    void on(PolicyEvent event, @SequenceNumber long sequence) {
        replayed(event, sequence);
        if (event instanceof RenewalPolicySet set && event.scope().alias().isPresent()) {
            inventory.aliasPolicySet(event.scope().alias().get(), set.policy().partnerId(), set.policy().purpose());
        }
        reviews.policyChanged(event.scope());
    }

    /**
     * A policy event, live or replayed by a rebuild: the scope's row is written from it unless it was written from a
     * later event. The policies stay readable throughout a rebuild.
     */
    public void replayed(PolicyEvent event, long sequence) {
        PolicyView view = event instanceof RenewalPolicySet set
                ? new PolicyView(set.scope(), set.version(), set.policy(), false, set.by(), set.at())
                : new PolicyView(event.scope(), event.version(), null, true, event.by(), event.at());
        String scope = event.scope().value();
        String purpose = view.policy() == null || view.policy().purpose() == null ? null
                : view.policy().purpose().name();
        String partnerId = view.policy() == null || view.policy().partnerId() == null ? null
                : view.policy().partnerId().value();
        String json = ContractJson.write(view);
        int updated = jdbc.update("update renewal_policy_view set purpose = ?, partner_id = ?, removed = ?, entry = ?,"
                        + " last_sequence = ? where scope = ? and last_sequence <= ?", purpose, partnerId,
                view.removed(), json, sequence, scope, sequence);
        if (updated == 0) {
            jdbc.update("insert into renewal_policy_view (scope, purpose, partner_id, removed, entry, last_sequence)"
                    + " select ?, ?, ?, ?, ?, ? where not exists (select 1 from renewal_policy_view where scope = ?)",
                    scope, purpose, partnerId, view.removed(), json, sequence, scope);
        }
    }

    /** The scope's policy as it stands, removed or not; empty if it was never set. */
    public Optional<PolicyView> find(PolicyScope scope) {
        return jdbc.query("select entry from renewal_policy_view where scope = ?", (row, number) -> view(row
                .getString(1)), scope.value()).stream().findFirst();
    }

    /** The policies in force, by scope; each filter optional. */
    public List<PolicyView> all(KeyPurpose purpose, PartnerId partnerId) {
        StringBuilder sql = new StringBuilder("select entry from renewal_policy_view where removed = false");
        List<Object> arguments = new ArrayList<>();
        if (purpose != null) {
            sql.append(" and purpose = ?");
            arguments.add(purpose.name());
        }
        if (partnerId != null) {
            sql.append(" and partner_id = ?");
            arguments.add(partnerId.value());
        }
        return jdbc.query(sql.append(" order by scope").toString(), (row, number) -> view(row.getString(1)),
                arguments.toArray());
    }

    /**
     * The policy that applies to the key under {@code alias}: the alias's own, else the default of {@code purpose}
     * (null: none is looked for).
     */
    public Optional<PolicyView> effective(String alias, KeyPurpose purpose) {
        PolicyScope own = PolicyScope.ofAlias(alias);
        String fallback = purpose == null ? own.value() : PolicyScope.ofPurpose(purpose).value();
        return jdbc.query("select entry from renewal_policy_view where removed = false and scope in (?, ?)",
                        (row, number) -> view(row.getString(1)), own.value(), fallback).stream()
                .min(Comparator.comparing(view -> view.scope().alias().isEmpty()));
    }

    private static PolicyView view(String json) {
        return ContractJson.read(json, PolicyView.class);
    }
}
