package io.keyrenewal.renewal.persistence;

import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Statements that read much of the event store. On PostgreSQL their results come in binary: the driver otherwise
 * asks for text until a statement ran five times on a connection, and a {@code bytea} payload then travels as hex
 * text, encoded by the server and decoded by the driver (twice the bytes and most of the read's time). Each
 * statement gets SQL of its own (a numbered comment): a statement the driver has cached was seen to come back in
 * text on every other run after the read model's table was swapped (see {@code SwappedTableTarget}). Other
 * databases are left as they are.
 */
public final class BinaryResults {

    /** The driver's value for "prepare on the server and ask for binary results at once". */
    private static final int FORCE_BINARY = -1;
    private static final AtomicLong READS = new AtomicLong();

    private BinaryResults() {
    }

    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            return connection.prepareStatement(sql);
        }
        PreparedStatement statement = connection.prepareStatement(sql + " /* bulk read " + READS.incrementAndGet()
                + " */");
        statement.unwrap(PGStatement.class).setPrepareThreshold(FORCE_BINARY);
        return statement;
    }
}
