package io.keyrenewal.localstack.bench;

import io.keyrenewal.localstack.StackService;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack the benchmark drives and strikes: its own processes ({@link LocalBenchStack}) or the containers of
 * docker-compose.yml ({@link ComposeBenchStack}). Parts are named as {@code --fault} names them.
 */
interface BenchStack extends AutoCloseable {

    /** Starts every part and returns once each service answers UP. */
    void start();

    List<URI> baseUrls(StackService service);

    default URI renewalServiceUrl() {
        return baseUrls(StackService.RENEWAL_SERVICE).get(0);
    }

    String bootstrapServers();

    /** Moves the clock of every keystore-service, then of every renewal-service; renewal-service's time after. */
    Instant advanceClocks(Duration by);

    /** Where the logs of the parts are (kept after the run). */
    Path logDir();

    /** The service instances by name ({@code renewal-service}, {@code renewal-service-2}, ...). */
    List<String> serviceInstances();

    /** The log of a service instance, or null if none is kept. */
    Path logFile(String serviceInstance);

    /**
     * The processes to measure, by part name ({@value ProcessMeter#STACK_POSTGRES} for the database's postmaster);
     * empty where the parts are not processes of this machine's to read.
     */
    Map<String, Long> pids();

    /** The server the services store in, to measure its raw limits; empty if it cannot be reached. */
    Optional<PostgresServer> database();

    /**
     * Kills the part ({@code kill}: SIGKILL; else a clean stop) and starts it again, returning once it is back.
     *
     * @param part a service instance, {@link Fault#KAFKA} or {@link Fault#POSTGRES}
     * @return its new process id, or -1 if it is not a process of this machine's
     */
    long restart(String part, boolean kill);

    /** Stops everything it started (safe to call more than once). */
    @Override
    void close();
}
