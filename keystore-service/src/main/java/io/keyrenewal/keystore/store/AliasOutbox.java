package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.alias.AliasCertificate;
import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.alias.CertificateSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The aliases whose change {@code keystore.aliases.v1} has not carried yet ({@code alias_outbox}): one row per alias,
 * upserted by {@link AliasRows} in the transaction that writes the alias's row, with the row's version and time of
 * change. A change is therefore queued if and only if it commits, and stays queued until a publisher has Kafka's
 * acknowledgement for it. In the service the table comes from {@code db/migration/V4__alias_outbox.sql}, which also
 * queues every alias of an existing keystore once; it is also created here if missing, as {@link AliasRows} does.
 */
@Component
@DependsOnDatabaseInitialization
public class AliasOutbox {

    private static final Logger log = LoggerFactory.getLogger(AliasOutbox.class);

    private final JdbcClient jdbc;

    public AliasOutbox(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE IF NOT EXISTS alias_outbox (alias VARCHAR(64) NOT NULL PRIMARY KEY, version BIGINT NOT"
                + " NULL, kind VARCHAR(30) NOT NULL, changed_at TIMESTAMP WITH TIME ZONE NOT NULL)").update();
    }

    /**
     * Queues the alias with its row's version and time of change as written, in the caller's transaction, which holds
     * the row's lock: a queued older version is replaced, so the row always names the latest change.
     */
    void enqueue(KeystoreAlias alias, EntryType kind) {
        int updated = jdbc.sql("UPDATE alias_outbox SET kind = :kind, version = (SELECT version FROM keystore_alias"
                        + " WHERE alias = :alias), changed_at = (SELECT changed_at FROM keystore_alias WHERE alias ="
                        + " :alias) WHERE alias = :alias")
                .param("alias", alias.value())
                .param("kind", kind.name())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO alias_outbox (alias, version, kind, changed_at) SELECT alias, version, :kind,"
                            + " changed_at FROM keystore_alias WHERE alias = :alias")
                    .param("alias", alias.value())
                    .param("kind", kind.name())
                    .update();
        }
    }

    /**
     * Up to {@code limit} queued aliases, the longest queued first, each as its row and the entry index show it now:
     * its version, time of change and the certificate of its active entry (null if it has none), read in one
     * statement, so the record's version always names the certificate it carries. Reads the queue, and the rows and
     * index entries of those aliases only. An alias whose index does not show its row yet (changed by an instance of
     * an earlier version; indexed when an instance starts) is left queued. An alias whose record cannot be made (a
     * certificate without subject, say) can never be published: it is logged and taken off the queue.
     */
    public List<AliasCertificate> next(int limit) {
        List<String> queued = jdbc.sql("SELECT alias FROM alias_outbox ORDER BY changed_at, alias FETCH FIRST :limit"
                        + " ROWS ONLY")
                .param("limit", limit)
                .query(String.class)
                .list();
        if (queued.isEmpty()) {
            return List.of();
        }
        List<Current> current = jdbc.sql("SELECT a.alias, a.version, a.changed_at, o.kind, e.certificate_sha256,"
                        + " e.subject, e.issuer, e.serial_number, e.not_before, e.not_after FROM alias_outbox o JOIN"
                        + " keystore_alias a ON a.alias = o.alias LEFT JOIN keystore_entry e ON e.alias = a.alias AND"
                        + " e.state = :active WHERE o.alias IN (:aliases) AND a.indexed_version = a.version")
                .param("aliases", queued)
                .param("active", EntryState.ACTIVE.name())
                .query((row, number) -> current(row))
                .list();
        List<AliasCertificate> certificates = new ArrayList<>(current.size());
        for (Current alias : current) {
            try {
                certificates.add(alias.record());
            } catch (IllegalArgumentException unpublishable) {
                log.error("Alias '{}' (version {}) cannot be published on keystore.aliases.v1 and is taken off the"
                        + " queue: {}", alias.alias(), alias.version(), unpublishable.getMessage());
                published(alias.alias(), alias.version());
            }
        }
        return certificates;
    }

    /**
     * Takes the alias off the queue if no change came after {@code version} (Kafka acknowledged its record).
     *
     * @return false if a newer change is queued: it stays, to be published in its turn
     */
    public boolean published(String alias, long version) {
        return jdbc.sql("DELETE FROM alias_outbox WHERE alias = :alias AND version <= :version")
                .param("alias", alias)
                .param("version", version)
                .update() == 1;
    }

    /** How many aliases are queued. */
    public long size() {
        return jdbc.sql("SELECT count(*) FROM alias_outbox").query(Long.class).single();
    }

    private static Current current(ResultSet row) throws SQLException {
        String sha256 = row.getString("certificate_sha256");
        return new Current(row.getString("alias"), row.getLong("version"), instant(row, "changed_at"),
                AliasKind.valueOf(row.getString("kind")), sha256 == null ? null : sha256.trim(),
                row.getString("subject"), row.getString("issuer"), row.getString("serial_number"),
                instant(row, "not_before"), instant(row, "not_after"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A queued alias as its row and index show it; the certificate's fields are null if it has no active entry. */
    private record Current(String alias, long version, Instant changedAt, AliasKind kind, String sha256,
                           String subject, String issuer, String serialNumber, Instant notBefore, Instant notAfter) {

        AliasCertificate record() {
            CertificateSummary certificate = sha256 == null ? null : new CertificateSummary(new Fingerprint(sha256),
                    subject, issuer, serialNumber, notBefore, notAfter);
            return new AliasCertificate(alias, kind, certificate, version, changedAt);
        }
    }
}
