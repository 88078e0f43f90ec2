package io.keyrenewal.testsupport.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaTestBrokerContextCustomizerFactoryTest {

    final KafkaTestBrokerContextCustomizerFactory factory = new KafkaTestBrokerContextCustomizerFactory();

    @KafkaTestBroker(partitions = 2)
    static class TwoPartitions {
    }

    @KafkaTestBroker(partitions = 2)
    static class AlsoTwoPartitions {
    }

    @KafkaTestBroker(partitions = 3)
    static class ThreePartitions {
    }

    @Test
    void aContextOfAnAnnotatedClassHasItsOwnBrokerUntilItCloses() throws Exception {
        ContextCustomizer customizer = factory.createContextCustomizer(TwoPartitions.class, List.of());
        GenericApplicationContext context = new GenericApplicationContext();
        customizer.customizeContext(context, null);
        context.refresh();
        TestKafka kafka = context.getBean(TestKafka.class);

        assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(kafka.bootstrapServers());
        try (Admin admin = admin(kafka)) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }

        context.close();
        try (Admin admin = admin(kafka)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .as("the broker of a closed context").hasRootCauseInstanceOf(
                            org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void equalSettingsShareACachedContextOthersDoNotAndAClassWithoutTheAnnotationHasNoBroker() {
        assertThat(factory.createContextCustomizer(TwoPartitions.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(AlsoTwoPartitions.class, List.of()))
                .isNotEqualTo(factory.createContextCustomizer(ThreePartitions.class, List.of()));
        assertThat(factory.createContextCustomizer(KafkaTestBrokerContextCustomizerFactoryTest.class, List.of()))
                .isNull();
    }

    private static Admin admin(TestKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000));
    }
}
