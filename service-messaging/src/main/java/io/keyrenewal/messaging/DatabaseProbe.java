package io.keyrenewal.messaging;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** Whether the service's database answers now: a connection from the pool that the driver finds valid. */
public class DatabaseProbe {

    private final DataSource database;
    private final int timeoutSeconds;

    /**
     * @param database the service's database; null if it has none (then it always "answers")
     */
    public DatabaseProbe(DataSource database, Duration timeout) {
        this.database = database;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    public boolean answers() {
        if (database == null) {
            return true;
        }
        try (Connection connection = database.getConnection()) {
            return connection.isValid(timeoutSeconds);
        } catch (SQLException | RuntimeException unavailable) {
            return false;
        }
    }
}
