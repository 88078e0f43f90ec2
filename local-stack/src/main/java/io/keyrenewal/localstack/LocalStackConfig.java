package io.keyrenewal.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the stack runs from and on which ports. {@link #builder(Path)} gives the defaults of {@code ./run-local}:
 * data in {@code <repository>/data}, Kafka on 9092 (controller 9093), PostgreSQL on 5433, the services on 8081-8083,
 * every service JVM with the full JIT compiler and at most 512 MB of heap.
 *
 * @param repositoryRoot     the checkout; the service jars are at {@code <service>/target/<service>.jar}
 * @param dataDir            the one data folder: broker storage, PostgreSQL's data, the keystore, logs
 * @param brokerLibDir       the broker's classpath folder ({@code local-stack/target/lib})
 * @param servicePorts       HTTP port of each service
 * @param serviceEnvironment extra environment variables of each service, added to the defaults
 * @param seedAliases        aliases the keystore-service creates a key pair for at its first start (the demo's)
 * @param instances          processes of each service (1 to {@value #MAX_INSTANCES}); instance {@code n} (from 1) of
 *                           a service listens on the service's port + 100 &times; n
 */
public record LocalStackConfig(Path repositoryRoot, Path dataDir, Path brokerLibDir, int kafkaPort,
                               int controllerPort, int postgresPort, Map<StackService, Integer> servicePorts,
                               Map<StackService, Map<String, String>> serviceEnvironment,
                               List<String> serviceJvmOptions, String seedAliases, Duration brokerStartTimeout,
                               Duration serviceStartTimeout, int instances) {

    public static final int MAX_INSTANCES = 4;
    /** How far above the first instance's port each further instance of a service listens. */
    static final int INSTANCE_PORT_STEP = 100;
    public static final String DEMO_ALIAS = "partner-acme-decrypt";
    static final String HEAP_LIMIT = "-Xmx512m";
    static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    public LocalStackConfig {
        repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        brokerLibDir = brokerLibDir.toAbsolutePath().normalize();
        servicePorts = Map.copyOf(servicePorts);
        for (StackService service : StackService.values()) {
            Objects.requireNonNull(servicePorts.get(service), () -> "no port for " + service.serviceName());
        }
        Map<StackService, Map<String, String>> environments = new EnumMap<>(StackService.class);
        serviceEnvironment.forEach((service, environment) -> environments.put(service, Map.copyOf(environment)));
        serviceEnvironment = Map.copyOf(environments);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("instances must be 1 to " + MAX_INSTANCES + ", not " + instances);
        }
        int step = instances;
        long distinctPorts = Stream.concat(Stream.of(kafkaPort, controllerPort, postgresPort),
                servicePorts.values().stream().flatMap(port -> java.util.stream.IntStream.range(0, step)
                        .mapToObj(index -> port + INSTANCE_PORT_STEP * index))).distinct().count();
        if (distinctPorts != 3 + (long) StackService.values().length * instances) {
            throw new IllegalArgumentException("the broker, its controller, PostgreSQL and each service instance need"
                    + " a port of their own");
        }
        Objects.requireNonNull(seedAliases, "seedAliases");
        Objects.requireNonNull(brokerStartTimeout, "brokerStartTimeout");
        Objects.requireNonNull(serviceStartTimeout, "serviceStartTimeout");
    }

    public static Builder builder(Path repositoryRoot) {
        return new Builder(repositoryRoot);
    }

    public int port(StackService service) {
        return servicePorts.get(service);
    }

    /** The HTTP port of instance {@code index} (from 0) of {@code service}. */
    public int port(ServiceInstance instance) {
        return servicePorts.get(instance.service()) + INSTANCE_PORT_STEP * instance.index();
    }

    /** Every instance of every service, the first instance of each service first. */
    public List<ServiceInstance> serviceInstances() {
        List<ServiceInstance> all = new ArrayList<>();
        for (int index = 0; index < instances; index++) {
            for (StackService service : StackService.values()) {
                all.add(new ServiceInstance(service, index));
            }
        }
        return all;
    }

    /** The extra environment variables of {@code service} (none by default). */
    public Map<String, String> environment(StackService service) {
        return serviceEnvironment.getOrDefault(service, Map.of());
    }

    /** Every TCP port the stack listens on, with what listens there. */
    Map<Integer, String> listeners() {
        Map<Integer, String> listeners = new LinkedHashMap<>();
        listeners.put(kafkaPort, "the Kafka broker");
        listeners.put(controllerPort, "the Kafka controller");
        listeners.put(postgresPort, "PostgreSQL");
        for (ServiceInstance instance : serviceInstances()) {
            listeners.put(port(instance), instance.name());
        }
        return listeners;
    }

    public static final class Builder {

        private final Path repositoryRoot;
        private Path dataDir;
        private Path brokerLibDir;
        private int kafkaPort = 9092;
        private int controllerPort = 9093;
        private int postgresPort = 5433;
        private final Map<StackService, Integer> servicePorts = new EnumMap<>(StackService.class);
        private final Map<StackService, Map<String, String>> serviceEnvironment = new EnumMap<>(StackService.class);
        private final List<String> serviceJvmOptions = new ArrayList<>(List.of(HEAP_LIMIT));
        private String seedAliases = DEMO_ALIAS;
        private Duration brokerStartTimeout = Duration.ofSeconds(60);
        private Duration serviceStartTimeout = Duration.ofSeconds(180);
        private int instances = 1;

        private Builder(Path repositoryRoot) {
            this.repositoryRoot = Objects.requireNonNull(repositoryRoot, "repositoryRoot");
            this.dataDir = repositoryRoot.resolve("data");
            this.brokerLibDir = repositoryRoot.resolve("local-stack").resolve("target").resolve("lib");
            for (StackService service : StackService.values()) {
                servicePorts.put(service, service.defaultPort());
            }
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        public Builder brokerLibDir(Path brokerLibDir) {
            this.brokerLibDir = Objects.requireNonNull(brokerLibDir, "brokerLibDir");
            return this;
        }

        public Builder kafkaPorts(int kafkaPort, int controllerPort) {
            this.kafkaPort = kafkaPort;
            this.controllerPort = controllerPort;
            return this;
        }

        public Builder postgresPort(int postgresPort) {
            this.postgresPort = postgresPort;
            return this;
        }

        public Builder servicePort(StackService service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /** Free ports picked now for the broker, the controller, PostgreSQL and the three services (for tests). */
        public Builder randomFreePorts() {
            List<Integer> ports = Ports.free(3 + StackService.values().length);
            kafkaPorts(ports.get(0), ports.get(1));
            postgresPort(ports.get(2));
            for (StackService service : StackService.values()) {
                servicePort(service, ports.get(3 + service.ordinal()));
            }
            return this;
        }

        /** An extra environment variable for {@code service}, e.g. a logging level. */
        public Builder environment(StackService service, String name, String value) {
            serviceEnvironment.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** JVM options of the service processes (default {@code -Xmx512m}: the full JIT, as in production). */
        public Builder serviceJvmOptions(List<String> options) {
            serviceJvmOptions.clear();
            serviceJvmOptions.addAll(options);
            return this;
        }

        /**
         * The services start about a third faster on the C1 compiler alone ({@code -XX:TieredStopAtLevel=1}), and
         * then run crypto and PKCS#12 writes several times slower: for a quick look, not for load.
         */
        public Builder quickStart() {
            serviceJvmOptions.add(QUICK_START);
            return this;
        }

        /** Comma-separated aliases the keystore-service seeds (default {@value LocalStackConfig#DEMO_ALIAS}). */
        public Builder seedAliases(String seedAliases) {
            this.seedAliases = seedAliases;
            return this;
        }

        public Builder brokerStartTimeout(Duration timeout) {
            this.brokerStartTimeout = timeout;
            return this;
        }

        public Builder serviceStartTimeout(Duration timeout) {
            this.serviceStartTimeout = timeout;
            return this;
        }

        /** Processes of each service (default 1), all on the one broker and PostgreSQL. */
        public Builder instances(int instances) {
            this.instances = instances;
            return this;
        }

        public LocalStackConfig build() {
            return new LocalStackConfig(repositoryRoot, dataDir, brokerLibDir, kafkaPort, controllerPort,
                    postgresPort, servicePorts, serviceEnvironment, serviceJvmOptions, seedAliases, brokerStartTimeout,
                    serviceStartTimeout, instances);
        }
    }
}
