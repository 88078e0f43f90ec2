package io.keyrenewal.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service of the stack: {@code java -jar <jar>} with its configuration in environment variables, stdout and
 * stderr in {@code <data>/logs/<service>.log}, ready when {@code /actuator/health} answers {@code "UP"}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_PAUSE = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final URI baseUrl;
    private final JavaProcess process;
    private final long launchedAt;

    private ServiceProcess(String name, URI baseUrl, JavaProcess process, long launchedAt) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.process = process;
        this.launchedAt = launchedAt;
    }

    /**
     * Starts the jar without waiting for it to be ready; its output is appended to {@code <logDir>/<name>.log}.
     *
     * @param environment the service's configuration (KAFKA_BOOTSTRAP_SERVERS, KEYRENEWAL_DATA_DIR, SERVER_PORT, ...)
     */
    static ServiceProcess launch(String name, Path jar, int port, List<String> jvmOptions,
                                 Map<String, String> environment, Path workingDir, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new LocalStackFailure("no " + name + " jar at " + jar + "; build it first: ./mvnw -B -q -DskipTests package");
        }
        Path logFile = logDir.resolve(name + ".log");
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.add("-jar");
        arguments.add(jar.toString());
        long launchedAt = System.nanoTime();
        JavaProcess process = JavaProcess.start(name, arguments, environment, workingDir, logFile);
        return new ServiceProcess(name, URI.create("http://127.0.0.1:" + port), process, launchedAt);
    }

    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI baseUrl() {
        return baseUrl;
    }

    public Path logFile() {
        return process.logFile();
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the health endpoint answers UP; fails with the end of the log if the process exits first. */
    void awaitHealthy(Duration timeout) {
        long deadline = launchedAt + timeout.toNanos();
        URI health = baseUrl.resolve("/actuator/health");
        while (true) {
            if (!process.isAlive()) {
                throw new LocalStackFailure(name + " exited with code " + process.exitCode() + " while starting; "
                        + "the last " + JavaProcess.LOG_TAIL_LINES + " lines of " + logFile() + ":"
                        + System.lineSeparator() + process.logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStackFailure(name + " did not report UP on " + health + " within "
                        + Durations.seconds(timeout) + "; the last " + JavaProcess.LOG_TAIL_LINES + " lines of "
                        + logFile() + ":" + System.lineSeparator() + process.logTail());
            }
            if (isUp(health)) {
                return;
            }
            process.exitsWithin(POLL_PAUSE);
        }
    }

    /** Time from launch until now. */
    Duration sinceLaunch() {
        return Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    /** SIGKILL at once. Returns how it ended. */
    String kill() {
        return process.kill();
    }

    /** SIGTERM, then SIGKILL after 30 s. Returns how it ended. */
    String stop() {
        return process.stop(STOP_GRACE);
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether {@code health} (a service's {@code /actuator/health}) answers UP now; false while nothing listens. */
    public static boolean isUp(URI health) {
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackFailure("interrupted while waiting for " + health, e);
        }
    }
}
