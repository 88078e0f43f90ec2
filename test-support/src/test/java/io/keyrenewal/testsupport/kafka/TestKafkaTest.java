package io.keyrenewal.testsupport.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker of a test class without a Spring context, in whichever mode this run chose. */
@KafkaTestBroker(partitions = 3, topics = "created-first", brokerProperties = "message.max.bytes=2000000")
class TestKafkaTest {

    static TestKafka beforeAll;

    @BeforeAll
    static void takeTheBroker(TestKafka kafka) {
        beforeAll = kafka;
    }

    @Test
    void oneBrokerForTheClassWhoseTopicsHaveItsPartitionsAndWhichHasItsSettings(TestKafka kafka) throws Exception {
        assertThat(kafka).isSameAs(beforeAll);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("created-on-first-use", "key", "value")).get(60, TimeUnit.SECONDS);
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of("created-first", "created-on-first-use")).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));

            String node = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().idString();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node);
            Config config = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            assertThat(config.get("message.max.bytes").value()).isEqualTo("2000000");
        }
    }

    @Test
    void brokerSettingsBecomeTheKafkaImagesEnvironmentVariables() {
        assertThat(TestKafka.environmentName("message.max.bytes")).isEqualTo("KAFKA_MESSAGE_MAX_BYTES");
        assertThat(TestKafka.environmentName("a_b-c.d")).isEqualTo("KAFKA_A__B___C_D");
    }
}
