package io.keyrenewal.renewal.inventory;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.watch.CertificateWatched;
import io.keyrenewal.contracts.watch.ExpiryTierReached;
import io.keyrenewal.contracts.watch.RenewalStartedByPolicy;
import io.keyrenewal.renewal.query.RenewalView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes the alias inventory (table {@code alias_inventory}), one row per alias, each change one statement on that
 * alias's row (or on the row of the renewal's alias, by an index): the watch's events give the certificate and the
 * tier, the renewal views the purpose, partner, open and last renewal. Called in the transaction of the event.
 */
@Component
public class AliasInventory {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public AliasInventory(JdbcTemplate jdbc, @Value("${spring.datasource.url}") String url) {
        this.jdbc = jdbc;
        // a renewal's start and the watch's first certificate may insert an alias's row at the same moment: on
        // PostgreSQL the loser of a plain insert would abort its whole transaction (the start answered 500), so it
        // does nothing there; H2 knows no ON CONFLICT, and a failed statement spoils no H2 transaction
        this.postgres = url.startsWith("jdbc:postgresql:");
    }

    /** The alias's current certificate: the tier reported for the one before no longer applies. */
    public void watched(CertificateWatched event) {
        CertificateSummary certificate = event.certificate();
        ensureRow(event.alias());
        jdbc.update("update alias_inventory set kind = ?, sha256 = ?, subject = ?, issuer = ?, serial_number = ?,"
                        + " not_before = ?, not_after = ?, tier_reached = null where alias = ?", event.kind().name(),
                certificate.sha256().value(), certificate.subject(), certificate.issuer(),
                certificate.serialNumber(), timestamp(certificate.notBefore()), timestamp(certificate.notAfter()),
                event.alias());
    }

    public void tierReached(ExpiryTierReached event) {
        jdbc.update("update alias_inventory set tier_reached = ? where alias = ? and sha256 = ?", event.tierDays(),
                event.alias(), event.sha256().value());
    }

    public void startedByPolicy(RenewalStartedByPolicy event) {
        jdbc.update("update alias_inventory set open_by_policy = true where alias = ? and open_renewal_id = ?",
                event.alias(), event.renewalId().value());
    }

    /** A renewal of the alias started: its purpose and partner are the alias's from now on. */
    public void renewalStarted(RenewalView view) {
        ensureRow(view.getAlias());
        Playbook playbook = Playbook.valueOf(view.getPlaybook());
        jdbc.update("update alias_inventory set purpose = ?, partner_id = ?, open_renewal_id = ?, open_playbook = ?,"
                        + " open_started_at = ?, open_by_policy = false where alias = ?",
                Playbooks.of(playbook).purpose().name(), view.getPartnerId(), view.getRenewalId(), playbook.name(),
                timestamp(view.getStartedAt()), view.getAlias());
    }

    /** The alias's open renewal ended: it is its last one. Again for the same renewal changes nothing. */
    public void renewalEnded(RenewalView view) {
        jdbc.update("update alias_inventory set last_renewal_id = open_renewal_id, last_playbook = open_playbook,"
                        + " last_state = ?, last_ended_at = ?, open_renewal_id = null, open_playbook = null,"
                        + " open_started_at = null, open_by_policy = false where open_renewal_id = ?",
                view.getState(), timestamp(view.getUpdatedAt()), view.getRenewalId());
    }

    /** The alias's own policy names its partner and purpose (a renewal started later names them again). */
    public void aliasPolicySet(String alias, PartnerId partnerId, KeyPurpose purpose) {
        ensureRow(alias);
        jdbc.update("update alias_inventory set partner_id = coalesce(?, partner_id), purpose = coalesce(?, purpose)"
                + " where alias = ?", partnerId == null ? null : partnerId.value(),
                purpose == null ? null : purpose.name(), alias);
    }

    /** Inserts the alias's row if it has none, also when another transaction inserts it at the same moment. */
    private void ensureRow(String alias) {
        if (postgres) {
            jdbc.update("insert into alias_inventory (alias) values (?) on conflict (alias) do nothing", alias);
            return;
        }
        try {
            jdbc.update("insert into alias_inventory (alias) select ? where not exists"
                    + " (select 1 from alias_inventory where alias = ?)", alias, alias);
        } catch (DuplicateKeyException insertedMeanwhile) {
            // H2: the other transaction's row is there; this transaction goes on
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
