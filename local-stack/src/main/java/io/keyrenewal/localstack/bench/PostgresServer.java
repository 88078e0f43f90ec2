package io.keyrenewal.localstack.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server the benchmark uses: {@code jdbc:postgresql://host:port/[database][?parameters]}; databases are
 * created fresh (dropped first if they exist), named by the caller.
 */
record PostgresServer(String baseUrl, String parameters, String user, String password) {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+)/?([^?]*)(\\?.*)?");

    /** The server of {@code jdbcUrl}, if it is a PostgreSQL URL. */
    static Optional<PostgresServer> of(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null) {
            return Optional.empty();
        }
        Matcher url = URL.matcher(jdbcUrl.trim());
        if (!url.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PostgresServer(url.group(1), url.group(3) == null ? "" : url.group(3), user,
                password == null ? "" : password));
    }

    String url(String database) {
        return baseUrl + "/" + database + parameters;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    /** Drops {@code database} if it exists (with its connections) and creates it empty. */
    void recreate(String database) throws SQLException {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + database);
        }
    }

    void drop(String database) throws SQLException {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Override
    public String toString() {
        return baseUrl + " (user " + user + ")";
    }
}
