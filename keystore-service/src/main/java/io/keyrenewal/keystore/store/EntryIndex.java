package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.certificate.PublicCertificate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The public part of every key entry, one row per entry ({@code keystore_entry}): what a listing shows, found without
 * opening a PKCS#12. {@link AliasRows} replaces an alias's rows in the transaction that writes the alias's PKCS#12, so
 * the index shows what the keys are, committed or rolled back with them. Never a private key: the certificate (DER)
 * and what the listing filters and orders by, and whether the entry is a key pair or a partner's certificate. In the
 * service the table comes from the schema migrations ({@code db/migration/V2__entry_index.sql},
 * {@code V3__partner_certificates.sql}); it is also created here if missing, as {@link AliasRows} does.
 */
final class EntryIndex {

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    EntryIndex(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        jdbc.sql("CREATE TABLE IF NOT EXISTS keystore_entry (alias VARCHAR(64) NOT NULL, entry_name VARCHAR(200) NOT"
                + " NULL, state VARCHAR(20) NOT NULL, certificate_sha256 CHAR(64) NOT NULL, serial_number VARCHAR(100)"
                + " NOT NULL, subject VARCHAR(4000) NOT NULL, issuer VARCHAR(4000) NOT NULL, not_before TIMESTAMP WITH"
                + " TIME ZONE NOT NULL, not_after TIMESTAMP WITH TIME ZONE NOT NULL, retained_until VARCHAR(40),"
                + " certificate BYTEA NOT NULL, entry_type VARCHAR(30) DEFAULT 'KEY_PAIR' NOT NULL, PRIMARY KEY (alias,"
                + " entry_name))").update();
    }

    /** Makes the alias's rows show {@code entries}, in the caller's transaction (the one writing the alias's row). */
    void replace(KeystoreAlias alias, List<KeystoreEntry> entries) {
        jdbc.sql("DELETE FROM keystore_entry WHERE alias = :alias").param("alias", alias.value()).update();
        for (KeystoreEntry entry : entries) {
            PublicCertificate certificate = entry.certificate();
            jdbc.sql("INSERT INTO keystore_entry (alias, entry_name, state, certificate_sha256, serial_number, subject,"
                            + " issuer, not_before, not_after, retained_until, certificate, entry_type) VALUES (:alias,"
                            + " :entryName, :state, :sha256, :serial, :subject, :issuer, :notBefore, :notAfter, :until,"
                            + " :der, :type)")
                    .param("alias", alias.value())
                    .param("entryName", entry.entryName())
                    .param("state", entry.state().name())
                    .param("sha256", certificate.fingerprint().value())
                    .param("serial", certificate.serialHex())
                    .param("subject", certificate.subject())
                    .param("issuer", certificate.issuer())
                    .param("notBefore", timestamp(certificate.certificate().getNotBefore().toInstant()))
                    .param("notAfter", timestamp(certificate.certificate().getNotAfter().toInstant()))
                    .param("until", entry.retainedUntil() == null ? null : entry.retainedUntil().toString())
                    .param("der", certificate.der())
                    .param("type", entry.type().name())
                    .update();
        }
    }

    /** One page of the entries {@code query} asks for, and how many match, as of one snapshot of the index. */
    EntryPage page(EntryQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (query.alias() != null) {
            conditions.add("alias = :alias");
            parameters.put("alias", query.alias().value());
        }
        if (query.state() != null) {
            conditions.add("state = :state");
            parameters.put("state", query.state().name());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return snapshot.execute(status -> {
            List<KeystoreEntry> entries = jdbc.sql("SELECT alias, entry_name, state, retained_until, certificate,"
                            + " entry_type FROM keystore_entry" + where + " ORDER BY alias, entry_name OFFSET :offset"
                            + " ROWS FETCH NEXT :size ROWS ONLY")
                    .params(parameters)
                    .param("offset", query.offset())
                    .param("size", query.size())
                    .query((row, number) -> entry(row))
                    .list();
            long total = entries.isEmpty() && query.page() == 0 ? 0 : jdbc.sql("SELECT count(*) FROM keystore_entry"
                            + where)
                    .params(parameters)
                    .query(Long.class)
                    .single();
            return new EntryPage(query, entries, total);
        });
    }

    private static KeystoreEntry entry(ResultSet row) throws SQLException {
        String until = row.getString("retained_until");
        return new KeystoreEntry(row.getString("entry_name"), row.getString("alias"),
                EntryState.valueOf(row.getString("state")), PublicCertificate.ofDer(row.getBytes("certificate")),
                until == null ? null : Instant.parse(until), EntryType.valueOf(row.getString("entry_type")));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
