package io.keyrenewal.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The whole stack on this machine: a real Kafka broker, a real PostgreSQL server (a database per service) and the
 * three services, each a separate process, all data in one folder. {@link #start(LocalStackConfig, PrintStream)}
 * returns once every part is ready; {@link #close()} stops what was started, the services first, then the broker and
 * the database.
 *
 * <pre>{@code
 * LocalStackConfig config = LocalStackConfig.builder(repositoryRoot).dataDir(tempDir).randomFreePorts().build();
 * try (LocalStack stack = LocalStack.start(config, System.out)) {
 *     stack.bootstrapServers();                         // 127.0.0.1:<port>
 *     stack.baseUrl(StackService.RENEWAL_SERVICE);      // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final String DEMO_PARTNERS = "demo-partners.json";
    /** The partner of the demo, whose confirmations the scripted receiver signs. */
    public static final String DEMO_PARTNER = "acme";

    private final LocalStackConfig config;
    private final PrintStream out;
    private final Map<ServiceInstance, ServiceProcess> services = new LinkedHashMap<>();
    private DemoPartnerKey demoPartnerKey;
    private KafkaBroker broker;
    private LocalPostgres postgres;
    private boolean closed;
    /** How far the movable clocks were moved in all: a service started again starts there. */
    private Duration clockAdvance = Duration.ZERO;

    /** A stack not started yet: {@link #start()} starts it, {@link #close()} may be called at any time. */
    public LocalStack(LocalStackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Starts a stack and returns once the broker and every service are ready; on failure stops what started. */
    public static LocalStack start(LocalStackConfig config, PrintStream out) {
        LocalStack stack = new LocalStack(config, out);
        try {
            stack.start();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts the broker and the database, then the three services in parallel; returns when all are ready. */
    public void start() {
        requireFreePorts();
        requireServiceJars();
        createDataFolder();
        out.println("Data folder: " + display(config.dataDir()));
        startPostgres();
        startBroker();
        startServices();
    }

    public LocalStackConfig config() {
        return config;
    }

    /** {@code 127.0.0.1:<kafka port>} */
    public String bootstrapServers() {
        return "127.0.0.1:" + config.kafkaPort();
    }

    /** {@code http://127.0.0.1:<port>} of {@code service} (its first instance) */
    public URI baseUrl(StackService service) {
        return baseUrl(ServiceInstance.first(service));
    }

    public URI baseUrl(ServiceInstance instance) {
        return URI.create("http://127.0.0.1:" + config.port(instance));
    }

    /** The base URL of every instance of {@code service}, the first first. */
    public List<URI> baseUrls(StackService service) {
        return config.serviceInstances().stream().filter(instance -> instance.service() == service)
                .map(this::baseUrl).toList();
    }

    public URI renewalServiceUrl() {
        return baseUrl(StackService.RENEWAL_SERVICE);
    }

    public URI keystoreServiceUrl() {
        return baseUrl(StackService.KEYSTORE_SERVICE);
    }

    public URI notificationServiceUrl() {
        return baseUrl(StackService.NOTIFICATION_SERVICE);
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public Path logDir() {
        return config.dataDir().resolve("logs");
    }

    /** {@code <data>/logs/<service>.log} (its first instance) */
    public Path logFile(StackService service) {
        return logFile(ServiceInstance.first(service));
    }

    /** {@code <data>/logs/<instance name>.log} */
    public Path logFile(ServiceInstance instance) {
        return logDir().resolve(instance.name() + ".log");
    }

    public Path kafkaLogFile() {
        return logDir().resolve(KafkaBroker.LOG_FILE_NAME);
    }

    public Path postgresLogFile() {
        return logDir().resolve(LocalPostgres.LOG_FILE_NAME);
    }

    /** The database server of the stack (after {@link #start()}). */
    public synchronized LocalPostgres postgres() {
        if (postgres == null) {
            throw new IllegalStateException("the stack is not started");
        }
        return postgres;
    }

    /** Stops {@code service} (its first instance) and starts it again on the same port and data. */
    public void restart(StackService service) {
        restart(service, false);
    }

    /** {@link #restart(ServiceInstance, boolean)} of the first instance of {@code service}. */
    public long restart(StackService service, boolean kill) {
        return restart(ServiceInstance.first(service), kill);
    }

    /**
     * Stops {@code instance} (SIGTERM, or SIGKILL if {@code kill}, as a crash would) and starts it again on the same
     * port and data; returns its new process id once it is ready. Other instances of the service keep running.
     */
    public long restart(ServiceInstance service, boolean kill) {
        ServiceProcess running;
        synchronized (this) {
            running = services.get(service);
            if (closed || running == null) {
                throw new IllegalStateException(service.name() + " is not running in this stack");
            }
        }
        out.println((kill ? "Killed " : "Stopped ") + running.name() + " (pid " + running.pid() + "): "
                + (kill ? running.kill() : running.stop()));
        ServiceProcess restarted = launch(service);
        synchronized (this) {
            if (closed) {
                restarted.stop();
                throw new LocalStackFailure("the stack is stopping");
            }
            services.put(service, restarted);
        }
        restarted.awaitHealthy(config.serviceStartTimeout());
        out.println(restarted.name() + " restarted in " + Durations.seconds(restarted.sinceLaunch()) + " (pid "
                + restarted.pid() + ")");
        return restarted.pid();
    }

    /**
     * Stops the Kafka broker (SIGTERM, or SIGKILL if {@code kill}) and starts it again on the same ports and
     * storage; returns its new process id once it is ready. The services' clients reconnect by themselves.
     */
    public long restartBroker(boolean kill) {
        KafkaBroker running;
        synchronized (this) {
            running = broker;
            if (closed || running == null) {
                throw new IllegalStateException("the Kafka broker is not running in this stack");
            }
        }
        out.println((kill ? "Killed" : "Stopped") + " the Kafka broker (pid " + running.pid() + "): "
                + (kill ? running.kill() : running.stop()));
        startBroker();
        synchronized (this) {
            return broker.pid();
        }
    }

    /**
     * Stops the stack's PostgreSQL (fast shutdown: open transactions roll back, connections are cut) and starts it
     * again on the same port and data; returns once it accepts connections. The services are not restarted: they
     * must ride it out.
     */
    public void restartPostgres() {
        LocalPostgres running;
        synchronized (this) {
            running = postgres;
            if (closed || running == null) {
                throw new IllegalStateException("PostgreSQL is not running in this stack");
            }
        }
        running.close();
        out.println("Stopped PostgreSQL");
        startPostgres();
    }

    /**
     * The process id of each part running now: {@code kafka} (the broker) and each service by its
     * {@link StackService#serviceName()}, in start order; a part not started (yet) is absent. A restarted service has
     * a new pid. For measuring the processes from outside (the benchmark reads their {@code /proc} entries).
     */
    public synchronized Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (broker != null) {
            pids.put("kafka", broker.pid());
        }
        services.forEach((instance, process) -> pids.put(instance.name(), process.pid()));
        return pids;
    }

    /**
     * Moves the movable clock of every instance of keystore-service, then of renewal-service, by {@code advance}
     * (each process keeps its own offset); prints each move. An instance started again later (a restart) starts with
     * its clock moved as far as all the moves so far ({@code KEYRENEWAL_CLOCK_START_OFFSET}).
     *
     * @return renewal-service's time after the move (its first instance)
     */
    public Instant advanceClocks(Duration advance) {
        synchronized (this) {
            clockAdvance = clockAdvance.plus(advance);
        }
        for (URI keystore : baseUrls(StackService.KEYSTORE_SERVICE)) {
            KeystoreServiceApi api = new KeystoreServiceApi(keystore);
            Instant now = api.advanceClock(advance);
            out.println("  POST " + api.url("/admin/clock/advance") + " -> keystore-service now at "
                    + EventSummary.localTime(now));
        }
        Instant renewalNow = null;
        for (URI renewal : baseUrls(StackService.RENEWAL_SERVICE)) {
            RenewalServiceApi api = new RenewalServiceApi(renewal);
            Instant now = api.advanceClock(advance);
            out.println("  POST " + api.url("/admin/clock/advance") + " -> renewal-service now at "
                    + EventSummary.localTime(now));
            renewalNow = renewalNow == null ? now : renewalNow;
        }
        return renewalNow;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Stops the services (in parallel), then the broker; prints what it stopped. Safe to call more than once. */
    @Override
    public void close() {
        List<ServiceProcess> runningServices;
        KafkaBroker runningBroker;
        LocalPostgres runningPostgres;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            runningServices = new ArrayList<>(services.values());
            runningBroker = broker;
            runningPostgres = postgres;
        }
        stopServices(runningServices);
        if (runningBroker != null) {
            out.println("Stopped the Kafka broker (pid " + runningBroker.pid() + "): " + runningBroker.stop());
        }
        if (runningPostgres != null) {
            try {
                runningPostgres.close();
                out.println("Stopped PostgreSQL");
            } catch (LocalStackFailure e) {
                out.println("Could not stop PostgreSQL: " + e.getMessage());
            }
        }
    }

    private void startPostgres() {
        LocalPostgres started = LocalPostgres.start(config.dataDir().resolve("postgres"), config.postgresPort(),
                postgresLogFile(), java.util.Arrays.stream(StackService.values()).map(StackService::database)
                        .toList());
        synchronized (this) {
            if (closed) {
                started.close();
                throw new LocalStackFailure("the stack is stopping");
            }
            postgres = started;
        }
        out.println("PostgreSQL started on 127.0.0.1:" + started.port() + " in "
                + Durations.seconds(started.sinceLaunch()) + ", data " + display(config.dataDir().resolve("postgres"))
                + ", log " + display(postgresLogFile()));
    }

    private void startBroker() {
        KafkaBroker.Settings settings = new KafkaBroker.Settings(config.dataDir(), config.kafkaPort(),
                config.controllerPort(), config.brokerLibDir(), config.brokerStartTimeout());
        KafkaBroker launched = KafkaBroker.launch(settings);
        synchronized (this) {
            if (closed) {
                launched.stop();
                throw new LocalStackFailure("the stack is stopping");
            }
            broker = launched;
        }
        launched.awaitReady();
        out.println("Kafka broker started on " + launched.bootstrapServers() + " in "
                + Durations.seconds(launched.sinceLaunch())
                + (launched.formattedNow() ? " (storage formatted: first start on this data folder)" : "")
                + ", log " + display(launched.logFile()));
    }

    private void startServices() {
        out.println("Starting " + config.serviceInstances().stream().map(ServiceInstance::name)
                .collect(Collectors.joining(", ")) + " (Spring Boot, in parallel) ...");
        List<ServiceProcess> launched = new ArrayList<>();
        for (ServiceInstance service : config.serviceInstances()) {
            ServiceProcess process = launch(service);
            synchronized (this) {
                if (closed) {
                    process.stop();
                    throw new LocalStackFailure("the stack is stopping");
                }
                services.put(service, process);
            }
            launched.add(process);
        }
        awaitHealthy(launched);
    }

    private void awaitHealthy(List<ServiceProcess> launched) {
        ExecutorService waiters = Executors.newFixedThreadPool(launched.size());
        try {
            ExecutorCompletionService<ServiceProcess> ready = new ExecutorCompletionService<>(waiters);
            for (ServiceProcess process : launched) {
                ready.submit(() -> {
                    process.awaitHealthy(config.serviceStartTimeout());
                    return process;
                });
            }
            for (int i = 0; i < launched.size(); i++) {
                ServiceProcess process = ready.take().get();
                out.println(process.name() + " started on " + process.baseUrl() + " in "
                        + Durations.seconds(process.sinceLaunch()) + " (pid " + process.pid() + ", log "
                        + display(process.logFile()) + ")");
            }
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new LocalStackFailure(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackFailure("interrupted while the services were starting", e);
        } finally {
            waiters.shutdownNow();
        }
    }

    private ServiceProcess launch(ServiceInstance instance) {
        return ServiceProcess.launch(instance.name(), instance.service().jar(config.repositoryRoot()),
                config.port(instance), config.serviceJvmOptions(), environment(instance), config.dataDir(), logDir());
    }

    private Map<String, String> environment(ServiceInstance instance) {
        StackService service = instance.service();
        boolean first = instance.index() == 0;
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        environment.put("KEYRENEWAL_DATA_DIR", config.dataDir().toString());
        environment.put("SERVER_PORT", Integer.toString(config.port(instance)));
        environment.put("KEYRENEWAL_INSTANCE_ID", instance.name());
        environment.put("DB_URL", postgres().jdbcUrl(service.database()));
        environment.put("DB_USER", postgres().user());
        environment.put("DB_PASSWORD", "");
        if (service == StackService.RENEWAL_SERVICE && first) {
            // the first instance registers the demo's partners and the keystore's first seeds the demo alias; the
            // others find them in the shared database
            environment.put("KEYRENEWAL_PARTNERS_SEED_FILE", demoPartnersFile().toString());
        }
        if (service == StackService.RENEWAL_SERVICE) {
            // the benchmark kills instances and restarts PostgreSQL under them: a deadline an instance had picked when
            // it or its database went away is taken up again after 6 missed heartbeats, 30 s here instead of the
            // 3 minutes of production (which would outlast the benchmark's stall timeout)
            environment.put("KEYRENEWAL_DEADLINES_HEARTBEAT_INTERVAL", "PT5S");
        }
        if (service == StackService.RENEWAL_SERVICE || service == StackService.KEYSTORE_SERVICE) {
            // the demo and the system tests move time forward to reach 90-day retention dates
            environment.put("KEYRENEWAL_CLOCK_MOVABLE", "true");
            synchronized (this) {
                environment.put("KEYRENEWAL_CLOCK_START_OFFSET", clockAdvance.toString());
            }
        }
        if (service == StackService.KEYSTORE_SERVICE && first) {
            environment.put("KEYSTORE_SEED_ALIASES", config.seedAliases());
        }
        if (service == StackService.KEYSTORE_SERVICE && !first) {
            // each instance exports the .p12 files of its own changes to a folder of its own
            environment.put("KEYRENEWAL_KEYSTORE_FOLDER", config.dataDir().resolve(instance.name())
                    .resolve("keystore").toString());
        }
        // the local profile: its users (operator, tenant-admin, auditor, ...) and the keystore's known password;
        // outside it the services need OAuth2 JWTs and KEYSTORE_PASSWORD
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.putAll(config.environment(service));
        return environment;
    }

    private void stopServices(List<ServiceProcess> running) {
        List<CompletableFuture<Void>> stopping = running.stream()
                .map(process -> CompletableFuture.runAsync(() -> {
                    String outcome = process.stop();
                    out.println("Stopped " + process.name() + " (pid " + process.pid() + "): " + outcome);
                }))
                .toList();
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            out.println("Could not stop every service: " + e.getCause().getMessage());
        }
    }

    private void requireServiceJars() {
        List<Path> missing = new ArrayList<>();
        for (StackService service : StackService.values()) {
            Path jar = service.jar(config.repositoryRoot());
            if (!Files.isRegularFile(jar)) {
                missing.add(jar);
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalStackFailure("missing service jars " + missing
                    + "; build them first: ./mvnw -B -q -DskipTests package (or ./run-local without --no-build)");
        }
    }

    private void requireFreePorts() {
        for (Map.Entry<Integer, String> listener : config.listeners().entrySet()) {
            if (Ports.isTaken(listener.getKey())) {
                throw new LocalStackFailure("port " + listener.getKey() + " (for " + listener.getValue()
                        + ") is already taken: another local stack may be running; stop it first");
            }
        }
    }

    /** Creates the data folder; the service logs start empty on each start of the stack. */
    private void createDataFolder() {
        try {
            Files.createDirectories(logDir());
            for (ServiceInstance instance : config.serviceInstances()) {
                Files.deleteIfExists(logFile(instance));
            }
            writeDemoPartners();
        } catch (IOException e) {
            throw new LocalStackFailure("cannot create the data folder " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The demo's partners with the public half of the demo partner's confirmation key (its private half stays in
     * the data folder, on the partner's side).
     */
    private void writeDemoPartners() throws IOException {
        demoPartnerKey = DemoPartnerKey.loadOrCreate(config.dataDir().resolve("demo-partner"), DEMO_PARTNER);
        try (var template = LocalStack.class.getResourceAsStream(DEMO_PARTNERS)) {
            ArrayNode partners = (ArrayNode)
                    ContractJson.mapper().readTree(java.util.Objects.requireNonNull(template, DEMO_PARTNERS));
            for (JsonNode partner : partners) {
                if (DEMO_PARTNER.equals(partner.path("partnerId").asText())) {
                    ((ObjectNode) partner).set("confirmationKeys",
                            ContractJson.mapper().valueToTree(java.util.List.of(demoPartnerKey.confirmationKey())));
                }
            }
            Files.writeString(demoPartnersFile(), ContractJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(partners));
        }
    }

    /** The demo partner's signing key, for the scripted partner and the system tests (after {@link #start()}). */
    public DemoPartnerKey demoPartnerKey() {
        if (demoPartnerKey == null) {
            throw new IllegalStateException("the stack is not started");
        }
        return demoPartnerKey;
    }

    /** The demo's partners, registered by renewal-service at its start if they are not yet. */
    private Path demoPartnersFile() {
        return config.dataDir().resolve("demo-partners.json");
    }

    /** A path relative to the working directory when it is inside it (as the launcher prints paths). */
    public static String display(Path path) {
        Path workingDir = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(workingDir) && !absolute.equals(workingDir)
                ? workingDir.relativize(absolute).toString() : absolute.toString();
    }
}
