package io.keyrenewal.renewal.query;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL: the rebuild writes its views into a new table of the same shape, {@code renewal_view_rebuilt}, by
 * COPY and with its primary key only; once every view is written it builds the other indexes there and swaps the
 * table in, in one short transaction that locks {@code renewal_view}, keeps every live view the projection moved
 * past the rebuild meanwhile (or created since), and renames. The live projection waits for that transaction only;
 * before it, it writes to {@code renewal_view} as always. An advisory lock lets one rebuild run at a time across
 * instances; a table left by an interrupted rebuild is dropped by the next.
 * <p>
 * Index builds once at the end and COPY instead of one insert per view make this several times cheaper for the
 * database than {@link LiveTableTarget}. Grants on the table are carried over; other objects that depend on it (a
 * database view) make the swap fail, and the read model stays as it was. The new table's planner statistics come
 * from autovacuum's next analyze (within a minute by default); until then PostgreSQL estimates from its size.
 */
final class SwappedTableTarget implements RebuildTarget {

    static final String TABLE = "renewal_view";
    static final String REBUILT = "renewal_view_rebuilt";
    /** Key of the advisory lock held while a rebuild runs: "rvrbuild" in ASCII. */
    private static final long REBUILD_LOCK = 0x7276726275696c64L;
    private static final String REBUILT_SUFFIX = "_rebuilt";
    private static final int SWAP_ATTEMPTS = 5;
    private static final String SWAP_LOCK_TIMEOUT = "2s";

    private final DataSource dataSource;
    private final Connection session;
    private final AbstractEntityPersister persister;
    private final String idColumn;
    private final List<String> columns;
    private final Class<?>[] types;
    private final String copy;
    private boolean completed;

    SwappedTableTarget(DataSource dataSource, EntityManagerFactory entityManagerFactory) throws SQLException {
        this.dataSource = dataSource;
        this.persister = (AbstractEntityPersister) entityManagerFactory.unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(RenewalView.class);
        this.idColumn = persister.getIdentifierColumnNames()[0];
        this.columns = new ArrayList<>();
        this.types = new Class<?>[persister.getPropertyNames().length];
        for (int i = 0; i < types.length; i++) {
            columns.add(persister.getPropertyColumnNames(i)[0]);
            types[i] = persister.getPropertyTypes()[i].getReturnedClass();
            if (!Set.of(String.class, Instant.class, Long.class, Boolean.class, boolean.class).contains(types[i])) {
                throw new IllegalStateException("renewal view property " + persister.getPropertyNames()[i]
                        + " has a type the rebuild cannot copy: " + types[i]);
            }
        }
        this.copy = "copy " + REBUILT + " (" + idColumn + ", " + String.join(", ", columns)
                + ") from stdin with (format csv)";
        this.session = dataSource.getConnection();
        try {
            session.setAutoCommit(true);
            if (!lock()) {
                throw new IllegalStateException("another rebuild of the read model is running (on this or another"
                        + " instance of renewal-service); try again when it is done");
            }
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
        try {
            execute("drop table if exists " + REBUILT);
            execute("create table " + REBUILT + " (like " + TABLE + " including all excluding indexes)");
            execute("alter table " + REBUILT + " add constraint " + REBUILT + "_pkey primary key (" + idColumn + ")");
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void write(List<RenewalView> views) {
        StringBuilder csv = new StringBuilder(views.size() * 640);
        for (RenewalView view : views) {
            csv.append(quoted(view.getRenewalId()));
            Object[] values = persister.getValues(view);
            for (Object value : values) {
                csv.append(',');
                if (value instanceof String text) {
                    csv.append(quoted(text));
                } else if (value != null) {
                    csv.append(value);
                }
            }
            csv.append('\n');
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write " + views.size() + " rebuilt views: " + e.getMessage(), e);
        }
    }

    /** CSV: quoted, quotes doubled; an empty string stays an empty string (an unquoted empty field is null). */
    private static String quoted(String text) {
        return '"' + (text.indexOf('"') < 0 ? text : text.replace("\"", "\"\"")) + '"';
    }

    @Override
    public RenewalView takeBack(String renewalId) {
        try (PreparedStatement delete = session.prepareStatement("delete from " + REBUILT + " where " + idColumn
                + " = ? returning " + String.join(", ", columns))) {
            delete.setString(1, renewalId);
            try (ResultSet row = delete.executeQuery()) {
                return row.next() ? view(renewalId, row) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read back the rebuilt view of renewal " + renewalId, e);
        }
    }

    private RenewalView view(String renewalId, ResultSet row) throws SQLException {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            int column = i + 1;
            if (types[i] == String.class) {
                values[i] = row.getString(column);
            } else if (types[i] == Instant.class) {
                OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
                values[i] = time == null ? null : time.toInstant();
            } else if (types[i] == Long.class) {
                long number = row.getLong(column);
                values[i] = row.wasNull() ? null : number;
            } else {
                values[i] = row.getBoolean(column);
            }
        }
        RenewalView view = new RenewalView(renewalId);
        persister.setValues(view, values);
        return view;
    }

    @Override
    public void complete() {
        try {
            Map<String, String> indexes = secondaryIndexes();
            indexes.values().parallelStream().forEach(this::executeOnOwnConnection);
            swap(indexes.keySet());
            completed = true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot swap in the rebuilt read model: " + e.getMessage(), e);
        }
    }

    /** The statements that build {@code renewal_view}'s other indexes on the new table, by the index's own name. */
    private Map<String, String> secondaryIndexes() throws SQLException {
        Map<String, String> indexes = new LinkedHashMap<>();
        try (PreparedStatement select = session.prepareStatement("select i.indexname, i.indexdef from pg_indexes i"
                + " where i.schemaname = current_schema() and i.tablename = ? and not exists (select 1 from"
                + " pg_constraint c where c.conrelid = ?::regclass and c.conname = i.indexname)")) {
            select.setString(1, TABLE);
            select.setString(2, TABLE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String definition = rows.getString(2);
                    boolean unique = definition.startsWith("CREATE UNIQUE INDEX");
                    indexes.put(name, "create " + (unique ? "unique " : "") + "index " + name + REBUILT_SUFFIX
                            + " on " + REBUILT + definition.substring(definition.indexOf(" USING ")));
                }
            }
        }
        return indexes;
    }

    private void swap(Set<String> indexes) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            session.setAutoCommit(false);
            try (Statement statement = session.createStatement()) {
                statement.execute("set local lock_timeout = '" + SWAP_LOCK_TIMEOUT + "'");
                statement.execute("lock table " + TABLE + " in access exclusive mode");
                statement.execute("delete from " + REBUILT + " r using " + TABLE + " live where r." + idColumn
                        + " = live." + idColumn + " and live.last_sequence > r.last_sequence");
                statement.execute("insert into " + REBUILT + " select * from " + TABLE + " live where not exists"
                        + " (select 1 from " + REBUILT + " r where r." + idColumn + " = live." + idColumn + ")");
                for (String grant : grants()) {
                    statement.execute(grant);
                }
                String primaryKey = primaryKeyName();
                statement.execute("drop table " + TABLE);
                statement.execute("alter table " + REBUILT + " rename to " + TABLE);
                statement.execute("alter table " + TABLE + " rename constraint " + REBUILT + "_pkey to "
                        + primaryKey);
                for (String index : indexes) {
                    statement.execute("alter index " + index + REBUILT_SUFFIX + " rename to " + index);
                }
                session.commit();
                return;
            } catch (SQLException e) {
                session.rollback();
                if (!"55P03".equals(e.getSQLState()) || attempt == SWAP_ATTEMPTS) {
                    throw e;
                }
            } finally {
                session.setAutoCommit(true);
            }
        }
    }

    /** The privileges others hold on {@code renewal_view}, granted again on the table that replaces it. */
    private List<String> grants() throws SQLException {
        List<String> grants = new ArrayList<>();
        try (PreparedStatement select = session.prepareStatement("select privilege_type, grantee from"
                + " information_schema.role_table_grants where table_schema = current_schema() and table_name = ?"
                + " and grantee <> current_user")) {
            select.setString(1, TABLE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    grants.add("grant " + rows.getString(1) + " on " + REBUILT + " to \""
                            + rows.getString(2).replace("\"", "\"\"") + '"');
                }
            }
        }
        return grants;
    }

    private String primaryKeyName() throws SQLException {
        try (PreparedStatement select = session.prepareStatement("select conname from pg_constraint"
                + " where conrelid = ?::regclass and contype = 'p'")) {
            select.setString(1, TABLE);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : TABLE + "_pkey";
            }
        }
    }

    private boolean lock() throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, REBUILD_LOCK);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Index builds run side by side, each on a connection of its own. */
    private void executeOnOwnConnection(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot index the rebuilt read model: " + e.getMessage(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Drops the new table unless it was swapped in, and releases the lock in any case: the connection goes back to
     * the pool, and a lock left on it would refuse every later rebuild.
     */
    @Override
    public void close() {
        try (Connection closing = session) {
            try {
                if (!completed) {
                    execute("drop table if exists " + REBUILT);
                }
            } finally {
                try (PreparedStatement unlock = closing.prepareStatement("select pg_advisory_unlock(?)")) {
                    unlock.setLong(1, REBUILD_LOCK);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the rebuild's table and lock: " + e.getMessage(), e);
        }
    }
}
