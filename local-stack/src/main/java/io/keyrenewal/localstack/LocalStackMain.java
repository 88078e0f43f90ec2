package io.keyrenewal.localstack;

import io.keyrenewal.localstack.bench.FaultMatrix;
import io.keyrenewal.localstack.bench.MassRenewalBench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./run-local [demo|up]}: starts the local stack from the repository root (the working directory, or the
 * system property {@code keyrenewal.repository}), data in {@code $KEYRENEWAL_DATA_DIR} (default {@code ./data});
 * {@code demo} (the default) then runs the demo renewal. Runs until Ctrl-C, which stops everything it started.
 * {@code bench [options]} runs the mass-renewal benchmark ({@link MassRenewalBench}) on a stack of its own and exits.
 */
public final class LocalStackMain {

    private static final String USAGE = "usage: run-local [--no-build] [--quick-start] [--instances N]"
            + " [demo|up|bench [options]]"
            + System.lineSeparator()
            + "  demo           start the stack and run a demo renewal of playbook 3 (default)" + System.lineSeparator()
            + "  up             start the stack only" + System.lineSeparator()
            + "  bench          the mass-renewal benchmark on a stack of its own (bench --help for its options)"
            + System.lineSeparator()
            + "  bench-matrix   kill -9 of each service at each step boundary, one small run each (--help)"
            + System.lineSeparator()
            + "  --quick-start  services on the C1 compiler only: start faster, run slower (not for load)"
            + System.lineSeparator()
            + "  --instances N  N processes of each service (1-" + LocalStackConfig.MAX_INSTANCES + ", default 1);"
            + " instance n+1 listens on the service's port + 100 x n";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean quickStart = arguments.remove("--quick-start");
        int instances = 1;
        int instancesAt = arguments.indexOf("--instances");
        boolean globalInstances = instancesAt >= 0 && !arguments.get(0).startsWith("bench");
        if (globalInstances) {
            try {
                instances = Integer.parseInt(arguments.get(instancesAt + 1));
                if (instances < 1 || instances > LocalStackConfig.MAX_INSTANCES) {
                    throw new NumberFormatException();
                }
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                System.err.println("--instances takes a number from 1 to " + LocalStackConfig.MAX_INSTANCES);
                System.err.println(USAGE);
                System.exit(2);
            }
            arguments.subList(instancesAt, instancesAt + 2).clear();
        }
        String mode = arguments.isEmpty() ? "demo" : arguments.get(0).toLowerCase(Locale.ROOT);
        if (mode.equals("bench-matrix")) {
            System.exit(FaultMatrix.run(arguments.subList(1, arguments.size())
                    .toArray(String[]::new), repositoryRoot(), System.out));
        }
        if (mode.equals("bench")) {
            if (quickStart) {
                System.err.println("--quick-start is not for load: the benchmark runs the services with the full JIT");
                System.exit(2);
            }
            List<String> benchArguments = new ArrayList<>(arguments.subList(1, arguments.size()));
            if (globalInstances) {
                benchArguments.addAll(List.of("--instances", Integer.toString(instances)));
            }
            System.exit(MassRenewalBench.run(benchArguments.toArray(String[]::new), repositoryRoot(), System.out));
        }
        if (arguments.size() > 1 || !(mode.equals("demo") || mode.equals("up"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        PrintStream out = System.out;
        LocalStack stack = new LocalStack(configFromEnvironment(quickStart, instances), out);
        AtomicReference<Demo> demo = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            out.println();
            out.println("Stopping the local stack ...");
            Demo running = demo.get();
            if (running != null) {
                running.close();
            }
            stack.close();
            out.println("Stopped everything the local stack started.");
        }, "local-stack-shutdown"));
        try {
            stack.start();
            printEndpoints(stack, out);
            if (mode.equals("demo")) {
                Demo renewal = new Demo(stack, out);
                demo.set(renewal);
                renewal.run();
                renewal.close();
            }
            out.println();
            out.println("The stack keeps running; Ctrl-C stops it.");
            new CountDownLatch(1).await();
        } catch (LocalStackFailure e) {
            if (stopping.get()) {
                return;
            }
            System.err.println();
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    static LocalStackConfig configFromEnvironment(boolean quickStart, int instances) {
        Path repositoryRoot = repositoryRoot();
        String dataDir = System.getenv("KEYRENEWAL_DATA_DIR");
        LocalStackConfig.Builder config = LocalStackConfig.builder(repositoryRoot);
        if (dataDir != null && !dataDir.isBlank()) {
            config.dataDir(Path.of(dataDir));
        }
        if (quickStart) {
            config.quickStart();
        }
        return config.instances(instances).build();
    }

    private static Path repositoryRoot() {
        return Path.of(System.getProperty("keyrenewal.repository", "")).toAbsolutePath();
    }

    private static void printEndpoints(LocalStack stack, PrintStream out) {
        out.println();
        out.println("The local stack is up:");
        out.printf(Locale.ROOT, "  %-23s %s%n", "Kafka", stack.bootstrapServers());
        out.printf(Locale.ROOT, "  %-23s %s (user %s)%n", "PostgreSQL", "127.0.0.1:" + stack.postgres().port(),
                stack.postgres().user());
        for (ServiceInstance instance : stack.config().serviceInstances()) {
            out.printf(Locale.ROOT, "  %-23s %s%n", instance.name(), stack.baseUrl(instance));
        }
        out.printf(Locale.ROOT, "  %-23s %s (logs in %s)%n", "data", LocalStack.display(stack.dataDir()),
                LocalStack.display(stack.logDir()));
    }
}
