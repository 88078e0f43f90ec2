package io.keyrenewal.testsupport.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A running broker of {@link KafkaTestBroker}: where it listens, and {@link #close()} to stop it. */
public final class TestKafka implements AutoCloseable {

    private final String bootstrapServers;
    private final String description;
    private final AutoCloseable stop;

    private TestKafka(String bootstrapServers, String description, AutoCloseable stop) {
        this.bootstrapServers = bootstrapServers;
        this.description = description;
        this.stop = stop;
    }

    /** Starts the broker {@link KafkaBrokerChoice} chooses, as the annotation asks. */
    public static TestKafka start(KafkaTestBroker broker) {
        return start(broker.partitions(), List.of(broker.topics()), brokerProperties(broker.brokerProperties()));
    }

    public static TestKafka start(int partitions, List<String> topics, Map<String, String> brokerProperties) {
        TestKafka kafka = KafkaBrokerChoice.current().useTestcontainers()
                ? container(partitions, brokerProperties)
                : embedded(partitions, brokerProperties);
        try {
            kafka.createTopics(partitions, topics);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Which broker this is, e.g. for a test's failure message. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop " + description, e);
        }
    }

    @Override
    public String toString() {
        return description + " at " + bootstrapServers;
    }

    private static TestKafka embedded(int partitions, Map<String, String> brokerProperties) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(brokerProperties);
        broker.afterPropertiesSet();
        return new TestKafka(broker.getBrokersAsString(), "embedded KRaft broker", broker::destroy);
    }

    private static TestKafka container(int partitions, Map<String, String> brokerProperties) {
        String image = ComposeKafkaImage.read();
        @SuppressWarnings("resource") // stopped by close()
        KafkaContainer container = new KafkaContainer(image)
                // as the embedded broker: topics made on first use get the test's partitions
                .withEnv(environmentName("num.partitions"), String.valueOf(partitions))
                // as docker-compose.yml: a single node holds the share-group state too
                .withEnv(environmentName("share.coordinator.state.topic.replication.factor"), "1")
                .withEnv(environmentName("share.coordinator.state.topic.min.isr"), "1");
        brokerProperties.forEach((name, value) -> container.withEnv(environmentName(name), value));
        container.start();
        return new TestKafka(container.getBootstrapServers(), "Testcontainers Kafka " + image, container::stop);
    }

    /** The apache/kafka image's environment variable for a broker setting: KAFKA_, _ to __, - to ___, . to _. */
    static String environmentName(String brokerProperty) {
        return "KAFKA_" + brokerProperty.replace("_", "__").replace("-", "___").replace(".", "_")
                .toUpperCase(Locale.ROOT);
    }

    private void createTopics(int partitions, List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, partitions, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create " + topics + " on " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topics + " on " + this, e);
        }
    }

    static Map<String, String> brokerProperties(String[] settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        Arrays.stream(settings).forEach(setting -> {
            int equals = setting.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("broker property '" + setting + "' is not name=value");
            }
            properties.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
        });
        return properties;
    }
}
