package io.keyrenewal.localstack.bench;

import io.keyrenewal.localstack.LocalStack;
import io.keyrenewal.localstack.ServiceInstance;
import io.keyrenewal.localstack.StackService;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The benchmark's own local stack: Kafka, PostgreSQL and the services as processes of this machine. */
final class LocalBenchStack implements BenchStack {

    private final LocalStack stack;

    LocalBenchStack(LocalStack stack) {
        this.stack = stack;
    }

    @Override
    public void start() {
        stack.start();
    }

    @Override
    public List<URI> baseUrls(StackService service) {
        return stack.baseUrls(service);
    }

    @Override
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public Instant advanceClocks(Duration by) {
        return stack.advanceClocks(by);
    }

    @Override
    public Path logDir() {
        return stack.logDir();
    }

    @Override
    public List<String> serviceInstances() {
        return stack.config().serviceInstances().stream().map(ServiceInstance::name).toList();
    }

    @Override
    public Path logFile(String serviceInstance) {
        return instance(serviceInstance).map(stack::logFile).orElse(null);
    }

    @Override
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>(stack.pids());
        stack.postgres().pid().ifPresent(pid -> pids.put(ProcessMeter.STACK_POSTGRES, pid));
        return pids;
    }

    @Override
    public Optional<PostgresServer> database() {
        return PostgresServer.of(stack.postgres().jdbcUrl("postgres"), stack.postgres().user(), "");
    }

    @Override
    public long restart(String part, boolean kill) {
        return switch (part) {
            case Fault.KAFKA -> stack.restartBroker(kill);
            case Fault.POSTGRES -> {
                stack.restartPostgres();
                yield stack.postgres().pid().orElse(-1L);
            }
            default -> stack.restart(instance(part).orElseThrow(() -> new IllegalStateException(part
                    + " is not part of this stack (see --instances)")), kill);
        };
    }

    @Override
    public void close() {
        stack.close();
    }

    private Optional<ServiceInstance> instance(String name) {
        return stack.config().serviceInstances().stream().filter(instance -> instance.name().equals(name))
                .findFirst();
    }
}
