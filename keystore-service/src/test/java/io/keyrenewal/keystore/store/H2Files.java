package io.keyrenewal.keystore.store;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The service's default database, an H2 file, for tests that use the keystore without the service around it. */
final class H2Files {

    private H2Files() {
    }

    /** An H2 database in {@code folder}, with every commit written before it returns (as the service's default). */
    static DataSource in(Path folder) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + folder.toAbsolutePath().resolve("keystore-log") + ";WRITE_DELAY=0");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }
}
