package io.keyrenewal.keystore.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One row per alias in the service's database ({@code keystore_alias}): the alias's PKCS#12 content as written with
 * the keystore password (keys encrypted, MAC over the whole), or NULL once the alias holds no entry. A change locks
 * the row ({@code SELECT … FOR UPDATE}) for the rest of the caller's transaction, so every instance of the service
 * sees the same keys and the changes of one alias, from whichever instance, apply one after the other. In the service
 * the table comes from the schema migration ({@code db/migration/V1__schema.sql}, which runs first); it is also
 * created here if missing, for a keystore used without the service around it (tests, tools).
 * <p>
 * Every write of a row also replaces the alias's entries in the {@link EntryIndex}, in the same transaction, and
 * records the row's version the index shows ({@code indexed_version}); a row written before the index existed, or by
 * an earlier version of the service, has an older one and is indexed again at start ({@link #unindexed}). And it
 * queues the alias in the {@link AliasOutbox}, in that transaction too, so that every committed change is published.
 * The time of a change ({@code changed_at}) is the keystore's clock's.
 */
final class AliasRows {

    /** Bind parameters per query stay far below a driver's limit (PostgreSQL's: 32,767). */
    private static final int KNOWN_BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final EntryIndex index;
    private final AliasOutbox outbox;
    private final Clock clock;

    AliasRows(DataSource dataSource, Clock clock) {
        this.clock = clock;
        this.jdbc = JdbcClient.create(dataSource);
        this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        jdbc.sql("CREATE TABLE IF NOT EXISTS keystore_alias (alias VARCHAR(64) NOT NULL PRIMARY KEY, pkcs12 BYTEA,"
                + " version BIGINT NOT NULL, changed_at TIMESTAMP WITH TIME ZONE NOT NULL, indexed_version BIGINT)")
                .update();
        this.index = new EntryIndex(dataSource);
        this.outbox = new AliasOutbox(dataSource);
    }

    EntryIndex index() {
        return index;
    }

    /** The alias's content as last committed; empty if it holds no entry. */
    Optional<byte[]> read(KeystoreAlias alias) {
        return jdbc.sql("SELECT pkcs12 FROM keystore_alias WHERE alias = :alias AND pkcs12 IS NOT NULL")
                .param("alias", alias.value())
                .query(byte[].class)
                .optional();
    }

    /**
     * Locks the alias's row until the caller's transaction ends, creating it (empty) first if the alias is new.
     *
     * @return the alias's content, null if it holds no entry
     */
    byte[] lock(KeystoreAlias alias) {
        Optional<Locked> locked = selectForUpdate(alias);
        if (locked.isEmpty()) {
            // a row of its own, committed at once, so that two instances creating one alias lock the same row; the
            // loser of the insert finds the winner's row, which is all it needs
            try {
                ownTransaction.executeWithoutResult(status -> jdbc.sql("INSERT INTO keystore_alias (alias, pkcs12,"
                                + " version, changed_at, indexed_version) SELECT :alias, NULL, 0, :at, 0 WHERE NOT"
                                + " EXISTS (SELECT 1 FROM keystore_alias WHERE alias = :alias)")
                        .param("alias", alias.value())
                        .param("at", now())
                        .update());
            } catch (DuplicateKeyException createdByAnother) {
                // the row exists now: lock it below
            }
            locked = selectForUpdate(alias);
        }
        return locked.orElseThrow(() -> new KeystoreUnavailable("the row of alias '" + alias + "' vanished while"
                + " being locked", null)).content();
    }

    /**
     * Replaces the content of a row locked by {@link #lock} in this transaction (null when no entry is left), and its
     * {@code entries} in the index, and queues the change to be published ({@code kind}: what the alias holds).
     */
    void write(KeystoreAlias alias, byte[] content, List<KeystoreEntry> entries, EntryType kind) {
        jdbc.sql("UPDATE keystore_alias SET pkcs12 = :content, version = version + 1, indexed_version = version + 1,"
                        + " changed_at = :at WHERE alias = :alias")
                .param("alias", alias.value())
                .param("content", content)
                .param("at", now())
                .update();
        index.replace(alias, entries);
        outbox.enqueue(alias, kind);
    }

    /** The aliases the index does not show as their rows are now (written before it, or by an earlier version). */
    List<KeystoreAlias> unindexed() {
        return jdbc.sql("SELECT alias FROM keystore_alias WHERE indexed_version IS NULL OR indexed_version <> version"
                        + " ORDER BY alias")
                .query(String.class)
                .list().stream().map(KeystoreAlias::of).toList();
    }

    /**
     * Locks the row of an alias {@link #unindexed()} named until the caller's transaction ends, if it still is
     * unindexed once locked (another instance starting at the same time may have indexed it meanwhile).
     *
     * @return the alias's content (an empty array if it holds no entry); empty if there is nothing to index any more
     */
    Optional<byte[]> lockUnindexed(KeystoreAlias alias) {
        return jdbc.sql("SELECT pkcs12 FROM keystore_alias WHERE alias = :alias AND (indexed_version IS NULL OR"
                        + " indexed_version <> version) FOR UPDATE")
                .param("alias", alias.value())
                .query((row, number) -> Optional.ofNullable(row.getBytes("pkcs12")).orElse(new byte[0]))
                .optional();
    }

    /**
     * Records {@code entries} as the index of a row locked by {@link #lockUnindexed}, content unchanged, and queues the
     * alias to be published: an instance of an earlier version changed it without.
     */
    void indexed(KeystoreAlias alias, List<KeystoreEntry> entries) {
        jdbc.sql("UPDATE keystore_alias SET indexed_version = version WHERE alias = :alias")
                .param("alias", alias.value())
                .update();
        index.replace(alias, entries);
        outbox.enqueue(alias, kindOf(entries));
    }

    /** The aliases that have a row, holding entries or not, among {@code aliases} (asked 500 at a time). */
    List<String> known(List<String> aliases) {
        List<String> known = new java.util.ArrayList<>();
        for (int from = 0; from < aliases.size(); from += KNOWN_BATCH) {
            known.addAll(jdbc.sql("SELECT alias FROM keystore_alias WHERE alias IN (:aliases)")
                    .param("aliases", aliases.subList(from, Math.min(aliases.size(), from + KNOWN_BATCH)))
                    .query(String.class)
                    .list());
        }
        return known;
    }

    /**
     * Adds the row of an alias the database does not know yet, with its {@code entries} in the index; false if it
     * knows it (another instance was first).
     */
    boolean insertIfAbsent(KeystoreAlias alias, byte[] content, List<KeystoreEntry> entries) {
        try {
            return ownTransaction.execute(status -> {
                boolean inserted = jdbc.sql("INSERT INTO keystore_alias (alias, pkcs12, version, changed_at,"
                                + " indexed_version) SELECT :alias, :content, 1, :at, 1 WHERE NOT EXISTS (SELECT 1"
                                + " FROM keystore_alias WHERE alias = :alias)")
                        .param("alias", alias.value())
                        .param("content", content)
                        .param("at", now())
                        .update() == 1;
                if (inserted) {
                    index.replace(alias, entries);
                    outbox.enqueue(alias, kindOf(entries));
                }
                return inserted;
            });
        } catch (DuplicateKeyException createdByAnother) {
            return false;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** What an alias of these entries holds (an alias that holds none: key pairs, the default). */
    private static EntryType kindOf(List<KeystoreEntry> entries) {
        return entries.stream().map(KeystoreEntry::type).findFirst().orElse(EntryType.KEY_PAIR);
    }

    private Optional<Locked> selectForUpdate(KeystoreAlias alias) {
        return jdbc.sql("SELECT pkcs12 FROM keystore_alias WHERE alias = :alias FOR UPDATE")
                .param("alias", alias.value())
                .query((row, number) -> new Locked(row.getBytes("pkcs12")))
                .optional();
    }

    private record Locked(byte[] content) {
    }
}
