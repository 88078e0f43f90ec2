package io.keyrenewal.keystore;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the connection pool that a connection whose H2 session is gone is lost, as it knows of PostgreSQL's codes on
 * its own. The outage test's exclusive H2 session closes the others' sessions; their connections then fail with H2's
 * codes, which the pool does not know, so it kept them. Where a thread took one again within the pool's half second
 * without a check (the alias publisher reads every 500 ms), the consumer's next transaction got that dead connection
 * too and failed at once, for a minute or more after the database was usable again.
 */
public final class H2LostSessionEvicts implements SQLExceptionOverride {

    /** H2's "database is already closed" (90121, 90098) and "in exclusive mode" (90135). */
    private static final Set<Integer> LOST = Set.of(90121, 90098, 90135);

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        return LOST.contains(failure.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
