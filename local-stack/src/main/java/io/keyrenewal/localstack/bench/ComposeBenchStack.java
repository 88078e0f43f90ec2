package io.keyrenewal.localstack.bench;

import io.keyrenewal.localstack.KeystoreServiceApi;
import io.keyrenewal.localstack.LocalStackFailure;
import io.keyrenewal.localstack.RenewalServiceApi;
import io.keyrenewal.localstack.ServiceProcess;
import io.keyrenewal.localstack.StackService;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * docker-compose.yml as the benchmark's stack, with {@code docker/compose-bench.yml} over it (the local profile's
 * users, movable clocks, the broker and PostgreSQL reachable from this machine), as its own compose project
 * ({@code keyrenewal-bench-<run>}, removed with its volumes at the end). A kill is {@code docker compose kill -s
 * SIGKILL}, a restart {@code docker compose stop}; then {@code docker compose start} and the service's health, or
 * the broker's and database's health checks, are awaited. The containers' processes are not this machine's to
 * measure, so the report has no process figures.
 */
final class ComposeBenchStack implements BenchStack {

    /** Where docker/compose-bench.yml publishes them on this machine. */
    static final String BOOTSTRAP_SERVERS = "127.0.0.1:29092";
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:25432/";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path repositoryRoot;
    private final Path logDir;
    private final ComposeProject project;
    private final PrintStream out;
    private boolean started;
    private boolean closed;

    ComposeBenchStack(Path repositoryRoot, Path logDir, String runId, PrintStream out) {
        this.repositoryRoot = repositoryRoot;
        this.logDir = logDir;
        this.project = new ComposeProject(repositoryRoot, "keyrenewal-bench-" + runId.replaceAll("[^a-z0-9]", ""),
                List.of("docker-compose.yml", "docker/compose-bench.yml"));
        this.out = out;
    }

    /** Whether a Docker engine with the compose plugin answers here. */
    static boolean available() {
        try {
            Process docker = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Process engine = new ProcessBuilder("docker", "info").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return docker.waitFor(30, TimeUnit.SECONDS) && docker.exitValue() == 0
                    && engine.waitFor(30, TimeUnit.SECONDS) && engine.exitValue() == 0;
        } catch (IOException e) {
            return false; // no docker command
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void start() {
        if (!available()) {
            throw new LocalStackFailure("--stack compose needs a Docker engine with the compose plugin: docker info"
                    + " or docker compose version failed here");
        }
        for (StackService service : StackService.values()) {
            if (!Files.isRegularFile(service.jar(repositoryRoot))) {
                throw new LocalStackFailure("missing " + service.jar(repositoryRoot) + ": build the service jars"
                        + " first (./mvnw -B -q -DskipTests package)");
            }
        }
        out.println("Starting docker-compose.yml with docker/compose-bench.yml as project " + project.name() + " ...");
        started = true;
        compose("up", "--detach", "--wait");
        for (StackService service : StackService.values()) {
            awaitHealthy(service.serviceName(), baseUrls(service).get(0));
        }
    }

    @Override
    public List<URI> baseUrls(StackService service) {
        return List.of(URI.create("http://127.0.0.1:" + service.defaultPort()));
    }

    @Override
    public String bootstrapServers() {
        return BOOTSTRAP_SERVERS;
    }

    @Override
    public Instant advanceClocks(Duration by) {
        new KeystoreServiceApi(baseUrls(StackService.KEYSTORE_SERVICE).get(0)).advanceClock(by);
        return new RenewalServiceApi(renewalServiceUrl()).advanceClock(by);
    }

    @Override
    public Path logDir() {
        return logDir;
    }

    @Override
    public List<String> serviceInstances() {
        return java.util.Arrays.stream(StackService.values()).map(StackService::serviceName).toList();
    }

    @Override
    public Path logFile(String serviceInstance) {
        return logDir.resolve(serviceInstance + ".log");
    }

    @Override
    public Map<String, Long> pids() {
        return Map.of();
    }

    @Override
    public Optional<PostgresServer> database() {
        return PostgresServer.of(POSTGRES_URL, "keyrenewal", "keyrenewal");
    }

    @Override
    public long restart(String part, boolean kill) {
        if (!part.equals(Fault.KAFKA) && !part.equals(Fault.POSTGRES) && !serviceInstances().contains(part)) {
            throw new IllegalStateException(part + " is not part of docker-compose.yml (one instance of each)");
        }
        if (kill) {
            compose("kill", "--signal", "SIGKILL", part);
        } else {
            compose("stop", part);
        }
        compose("start", part);
        if (serviceInstances().contains(part)) {
            StackService service = java.util.Arrays.stream(StackService.values())
                    .filter(candidate -> candidate.serviceName().equals(part)).findFirst().orElseThrow();
            awaitHealthy(part, baseUrls(service).get(0));
        } else {
            compose("up", "--detach", "--wait", part); // waits for its health check
        }
        return -1;
    }

    @Override
    public synchronized void close() {
        if (!started || closed) {
            return;
        }
        closed = true;
        try {
            Files.createDirectories(logDir);
            for (String service : serviceInstances()) {
                Files.writeString(logFile(service), compose("logs", "--no-color", service));
            }
            Files.writeString(logDir.resolve("kafka.log"), compose("logs", "--no-color", Fault.KAFKA));
            Files.writeString(logDir.resolve("postgres.log"), compose("logs", "--no-color", Fault.POSTGRES));
        } catch (IOException | RuntimeException e) {
            out.println("Could not keep the containers' logs in " + logDir + ": " + e.getMessage());
        }
        try {
            compose("down", "--volumes", "--timeout", "30");
            out.println("Removed compose project " + project.name() + " and its volumes");
        } catch (RuntimeException e) {
            out.println("Could not remove compose project " + project.name() + ": " + e.getMessage());
        }
    }

    /** Runs {@code docker compose -p <project> -f docker-compose.yml -f docker/compose-bench.yml <args>}. */
    private String compose(String... args) {
        return project.run(args);
    }

    private void awaitHealthy(String name, URI baseUrl) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ServiceProcess.isUp(baseUrl.resolve("/actuator/health"))) {
                out.println(name + " is up on " + baseUrl + " (container of " + project.name() + ")");
                return;
            }
            try {
                Thread.sleep(1000); // polling a container's health endpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackFailure("interrupted while waiting for " + name, e);
            }
        }
        throw new LocalStackFailure(name + " did not report UP on " + baseUrl + " within " + START_TIMEOUT
                + "; docker compose logs " + name + " has why");
    }
}
