package io.keyrenewal.localstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves a {@link KafkaBroker} parameter with one real broker (from {@code target/lib}, free ports, a temporary
 * data folder) shared by every test class of the run and stopped at its end.
 */
final class SharedKafkaBroker implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafkaBroker.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningBroker.class, key -> RunningBroker.start(), RunningBroker.class)
                .broker();
    }

    private record RunningBroker(KafkaBroker broker, Path dataDir) implements AutoCloseable {

        static RunningBroker start() {
            try {
                Path dataDir = Files.createTempDirectory("local-stack-test-broker");
                List<Integer> ports = Ports.free(2);
                KafkaBroker broker = KafkaBroker.start(new KafkaBroker.Settings(dataDir, ports.get(0), ports.get(1),
                        KafkaBroker.libDirBesideThisCode(), Duration.ofSeconds(60)));
                return new RunningBroker(broker, dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            broker.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
