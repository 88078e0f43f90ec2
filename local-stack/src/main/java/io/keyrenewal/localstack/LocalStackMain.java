package io.keyrenewal.localstack;

import io.keyrenewal.localstack.bench.MassRenewalBench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
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

    private static final String USAGE = "usage: run-local [--no-build] [demo|up|bench [options]]"
            + System.lineSeparator()
            + "  demo   start the stack and run a demo renewal of playbook 3 (default)" + System.lineSeparator()
            + "  up     start the stack only" + System.lineSeparator()
            + "  bench  the mass-renewal benchmark on a stack of its own (bench --help for its options)";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args.length == 0 ? "demo" : args[0].toLowerCase(Locale.ROOT);
        if (mode.equals("bench")) {
            System.exit(MassRenewalBench.run(Arrays.copyOfRange(args, 1, args.length), repositoryRoot(),
                    System.out));
        }
        if (args.length > 1 || !(mode.equals("demo") || mode.equals("up"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        PrintStream out = System.out;
        LocalStack stack = new LocalStack(configFromEnvironment(), out);
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

    static LocalStackConfig configFromEnvironment() {
        Path repositoryRoot = repositoryRoot();
        String dataDir = System.getenv("KEYRENEWAL_DATA_DIR");
        LocalStackConfig.Builder config = LocalStackConfig.builder(repositoryRoot);
        if (dataDir != null && !dataDir.isBlank()) {
            config.dataDir(Path.of(dataDir));
        }
        return config.build();
    }

    private static Path repositoryRoot() {
        return Path.of(System.getProperty("keyrenewal.repository", "")).toAbsolutePath();
    }

    private static void printEndpoints(LocalStack stack, PrintStream out) {
        out.println();
        out.println("The local stack is up:");
        out.printf(Locale.ROOT, "  %-21s %s%n", "Kafka", stack.bootstrapServers());
        for (StackService service : StackService.values()) {
            out.printf(Locale.ROOT, "  %-21s %s%n", service.serviceName(), stack.baseUrl(service));
        }
        out.printf(Locale.ROOT, "  %-21s %s (logs in %s)%n", "data", LocalStack.display(stack.dataDir()),
                LocalStack.display(stack.logDir()));
    }
}
