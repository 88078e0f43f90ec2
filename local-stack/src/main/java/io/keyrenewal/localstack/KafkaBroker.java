package io.keyrenewal.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) run from the jars in a folder
 * (the module's {@code target/lib}), its storage under {@code <data>/kafka}, its log in {@code <data>/logs/kafka.log}.
 * The storage is formatted on the first start only; later starts reuse it.
 */
public final class KafkaBroker implements AutoCloseable {

    static final String LOG_FILE_NAME = "kafka.log";
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final String LOG_CONFIG_RESOURCE = "kafka-log4j2.properties";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_PAUSE = Duration.ofMillis(100);

    /**
     * Where and how the broker runs.
     *
     * @param dataDir        the stack's data folder; the broker keeps its files in {@code kafka/} and logs in {@code logs/}
     * @param port           client listener on 127.0.0.1
     * @param controllerPort KRaft controller listener on 127.0.0.1
     * @param libDir         folder with kafka_2.13 (broker and StorageTool) and its runtime dependencies
     * @param startTimeout   how long the broker may take to answer an Admin client
     */
    public record Settings(Path dataDir, int port, int controllerPort, Path libDir, Duration startTimeout) {

        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(libDir, "libDir");
            Objects.requireNonNull(startTimeout, "startTimeout");
            dataDir = dataDir.toAbsolutePath().normalize();
            libDir = libDir.toAbsolutePath().normalize();
        }
    }

    private final Settings settings;
    private final JavaProcess process;
    private final boolean formattedNow;
    private final long launchedAt;

    private KafkaBroker(Settings settings, JavaProcess process, boolean formattedNow, long launchedAt) {
        this.settings = settings;
        this.process = process;
        this.formattedNow = formattedNow;
        this.launchedAt = launchedAt;
    }

    /** Launches the broker and waits until it answers; stops it again if it does not. */
    public static KafkaBroker start(Settings settings) {
        KafkaBroker broker = launch(settings);
        try {
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Formats the storage if needed and starts the broker process without waiting for it. */
    static KafkaBroker launch(Settings settings) {
        requireBrokerJars(settings.libDir());
        long launchedAt = System.nanoTime();
        Path kafkaDir = settings.dataDir().resolve("kafka");
        Path logFile = settings.dataDir().resolve("logs").resolve(LOG_FILE_NAME);
        try {
            Files.createDirectories(kafkaDir);
            Files.createDirectories(logFile.getParent());
            Files.deleteIfExists(logFile);
            Path serverProperties = kafkaDir.resolve("server.properties");
            Files.writeString(serverProperties, serverProperties(settings, kafkaDir.resolve("data")));
            Path logConfig = kafkaDir.resolve("log4j2.properties");
            try (InputStream in = Objects.requireNonNull(KafkaBroker.class.getResourceAsStream(LOG_CONFIG_RESOURCE),
                    LOG_CONFIG_RESOURCE)) {
                Files.copy(in, logConfig, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> jvm = List.of("-Xmx1g", "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + logConfig.toUri(),
                    "-cp", settings.libDir().resolve("*").toString());
            boolean formattedNow = formatOnce(kafkaDir, serverProperties, jvm, logFile);
            JavaProcess process = JavaProcess.start("kafka",
                    concat(jvm, List.of(MAIN_CLASS, serverProperties.toString())), Map.of(), kafkaDir, logFile);
            return new KafkaBroker(settings, process, formattedNow, launchedAt);
        } catch (IOException e) {
            throw new LocalStackFailure("cannot prepare the Kafka broker in " + kafkaDir + ": " + e.getMessage(), e);
        }
    }

    /** The {@code target/lib} folder beside the classes or jar this class was loaded from. */
    public static Path libDirBesideThisCode() {
        CodeSource codeSource = KafkaBroker.class.getProtectionDomain().getCodeSource();
        if (codeSource == null) {
            throw new LocalStackFailure("cannot tell where the local-stack code was loaded from; pass the lib folder");
        }
        try {
            return Path.of(codeSource.getLocation().toURI()).getParent().resolve("lib");
        } catch (URISyntaxException e) {
            throw new LocalStackFailure("cannot tell where the local-stack code was loaded from; pass the lib folder", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** True if this start formatted the storage (the first start on this data folder). */
    public boolean formattedNow() {
        return formattedNow;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until an Admin client can list topics; fails naming the log file if it does not in time. */
    void awaitReady() {
        long deadline = launchedAt + settings.startTimeout().toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new LocalStackFailure("the Kafka broker exited with code " + process.exitCode()
                            + " while starting; its log " + logFile() + " ends with:" + System.lineSeparator()
                            + process.logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new LocalStackFailure("the Kafka broker did not answer on " + bootstrapServers() + " within "
                            + Durations.seconds(settings.startTimeout()) + "; read " + logFile());
                }
                try {
                    admin.listTopics(new ListTopicsOptions().timeoutMs(1_000)).names().get(2, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    process.exitsWithin(POLL_PAUSE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackFailure("interrupted while waiting for the Kafka broker", e);
                }
            }
        }
    }

    /** Time from launch (including a first format) until now. */
    Duration sinceLaunch() {
        return Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    /** Stops the broker: SIGTERM, then SIGKILL after 30 s. Returns how it ended. */
    /** SIGKILL at once. Returns how it ended. */
    String kill() {
        return process.kill();
    }

    String stop() {
        return process.stop(STOP_GRACE);
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean formatOnce(Path kafkaDir, Path serverProperties, List<String> jvm, Path logFile) {
        if (Files.exists(kafkaDir.resolve("data").resolve("meta.properties"))) {
            return false;
        }
        String clusterId = Uuid.randomUuid().toString();
        JavaProcess format = JavaProcess.start("kafka storage format", concat(jvm, List.of(STORAGE_TOOL, "format",
                "-t", clusterId, "-c", serverProperties.toString(), "--standalone")), Map.of(), kafkaDir, logFile);
        if (!format.exitsWithin(FORMAT_TIMEOUT)) {
            format.stop(Duration.ofSeconds(5));
            throw new LocalStackFailure("formatting the Kafka storage did not finish within "
                    + Durations.seconds(FORMAT_TIMEOUT) + "; read " + logFile);
        }
        if (format.exitCode() != 0) {
            throw new LocalStackFailure("formatting the Kafka storage in " + kafkaDir + " failed (exit code "
                    + format.exitCode() + "):" + System.lineSeparator() + format.logTail());
        }
        return true;
    }

    private static String serverProperties(Settings settings, Path logDir) {
        String broker = "127.0.0.1:" + settings.port();
        String controller = "127.0.0.1:" + settings.controllerPort();
        return String.join("\n",
                "# written by the local stack on every start; the storage is formatted once",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir.toString().replace('\\', '/'),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static void requireBrokerJars(Path libDir) {
        boolean present;
        try (var jars = Files.list(libDir)) {
            present = jars.anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            throw new LocalStackFailure("no Kafka broker jars in " + libDir
                    + "; build them first: ./mvnw -B -q -DskipTests package");
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
