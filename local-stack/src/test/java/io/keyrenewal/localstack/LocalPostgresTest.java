package io.keyrenewal.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stack's PostgreSQL: a database per service, data kept across restarts, a server left by a killed launcher. */
class LocalPostgresTest {

    @TempDir
    Path data;

    @Test
    void keepsItsDatabasesAndTheirDataAcrossARestart() throws SQLException {
        int port = Ports.free(1).get(0);
        Path log = data.resolve("logs/postgres.log");
        try (LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), port, log,
                List.of("renewal", "keystore"))) {
            execute(postgres.jdbcUrl("renewal"), "CREATE TABLE kept (id INT); INSERT INTO kept VALUES (42)");
            assertThat(setting(postgres.jdbcUrl("keystore"), "synchronous_commit")).isEqualTo("on");
        }

        try (LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), port, log,
                List.of("renewal", "keystore", "notification"))) {
            assertThat(queryInt(postgres.jdbcUrl("renewal"), "SELECT id FROM kept")).isEqualTo(42);
            assertThat(queryInt(postgres.jdbcUrl("notification"), "SELECT 1")).isEqualTo(1);
        }
        assertThat(log).isNotEmptyFile();
    }

    @Test
    void stopsAServerLeftRunningByALauncherKilledWithSigkillBeforeItStartsAgain() throws Exception {
        int port = Ports.free(1).get(0);
        Path postgresData = data.resolve("postgres");
        JavaProcess launcher = JavaProcess.start("killed-launcher", List.of("-cp",
                        System.getProperty("java.class.path"), StartPostgresAndWait.class.getName(),
                        postgresData.toString(), Integer.toString(port), data.resolve("logs/postgres.log").toString()),
                Map.of(), data, data.resolve("launcher.log"));
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(data.resolve("launcher.log")).contains("READY")
                || !launcher.isAlive());
        assertThat(launcher.isAlive()).as("the launcher started PostgreSQL; its log: %s", launcher.logTail()).isTrue();
        long leftover = Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle.of(launcher.pid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !launcher.isAlive());
        assertThat(ProcessHandle.of(leftover)).as("pg_ctl detached the server from the killed launcher")
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        try (LocalPostgres postgres = LocalPostgres.start(postgresData, port, data.resolve("logs/postgres.log"),
                List.of("renewal"))) {
            assertThat(queryInt(postgres.jdbcUrl("renewal"), "SELECT 1")).isEqualTo(1);
            assertThat(postgres.pid()).hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(leftover));
        }
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    /** A launcher that starts the server and then waits to be killed. */
    public static final class StartPostgresAndWait {
        public static void main(String[] args) throws InterruptedException {
            LocalPostgres.start(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2]), List.of("renewal"));
            System.out.println("READY");
            System.out.flush();
            Thread.currentThread().join();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, "")) {
            connection.createStatement().execute(sql);
        }
    }

    private static int queryInt(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, "");
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String setting(String url, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, "");
             ResultSet row = connection.createStatement().executeQuery("SHOW " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
