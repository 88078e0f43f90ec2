package io.keyrenewal.testsupport.kafka;

import org.testcontainers.DockerClientFactory;

import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Which broker {@link KafkaTestBroker} starts, chosen once per JVM by {@value #PROPERTY} (system property) or
 * {@value #ENVIRONMENT}: {@code auto} (the default) a Testcontainers Kafka where a Docker engine answers, else the
 * embedded KRaft broker; {@code embedded} always the embedded one; {@code testcontainers} always a container, and a
 * failure where no Docker engine answers. The choice and its reason are printed once.
 */
public record KafkaBrokerChoice(boolean useTestcontainers, String reason) {

    public static final String PROPERTY = "keyrenewal.test.kafka";
    public static final String ENVIRONMENT = "KEYRENEWAL_TEST_KAFKA";

    private static KafkaBrokerChoice current;

    public static synchronized KafkaBrokerChoice current() {
        if (current == null) {
            current = choose(setting(), () -> DockerClientFactory.instance().isDockerAvailable());
            System.out.println(current.line());
        }
        return current;
    }

    static KafkaBrokerChoice choose(String setting, BooleanSupplier dockerAnswers) {
        String mode = setting.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "embedded":
                return new KafkaBrokerChoice(false, PROPERTY + "=embedded");
            case "testcontainers":
                if (!dockerAnswers.getAsBoolean()) {
                    throw new IllegalStateException(PROPERTY + "=testcontainers, but no Docker engine answers here"
                            + " (Testcontainers found none): start one, or run the tests with " + PROPERTY
                            + "=auto or embedded");
                }
                return new KafkaBrokerChoice(true, PROPERTY + "=testcontainers");
            case "", "auto":
                return dockerAnswers.getAsBoolean()
                        ? new KafkaBrokerChoice(true, PROPERTY + "=auto and a Docker engine answers")
                        : new KafkaBrokerChoice(false, PROPERTY + "=auto and no Docker engine answers here");
            default:
                throw new IllegalArgumentException(PROPERTY + "=" + setting + " is none of auto, embedded,"
                        + " testcontainers");
        }
    }

    /** The line printed for the choice. */
    String line() {
        String broker = useTestcontainers
                ? "a Testcontainers Kafka (" + ComposeKafkaImage.read() + ", docker-compose.yml's image)"
                : "the embedded KRaft broker (spring-kafka-test)";
        return "Kafka integration tests run against " + broker + ", one per test class: " + reason
                + " (set " + PROPERTY + " or " + ENVIRONMENT + " to auto, embedded or testcontainers)";
    }

    private static String setting() {
        return Objects.requireNonNullElse(System.getProperty(PROPERTY),
                Objects.requireNonNullElse(System.getenv(ENVIRONMENT), "auto"));
    }
}
