package io.keyrenewal.testsupport.kafka;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;
import java.util.Map;

/**
 * Gives the application context of a test class with {@link KafkaTestBroker} a broker of its own: started before
 * the context, {@code spring.kafka.bootstrap-servers} pointing at it, a {@link TestKafka} bean stopped when the
 * context closes. Contexts with the same configuration and the same broker settings are one cached context, as with
 * spring-kafka-test's {@code @EmbeddedKafka}. Registered in META-INF/spring.factories.
 */
public class KafkaTestBrokerContextCustomizerFactory implements ContextCustomizerFactory {

    static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        KafkaTestBroker broker = TestContextAnnotationUtils.findMergedAnnotation(testClass, KafkaTestBroker.class);
        return broker == null ? null : new Customizer(broker.partitions(), List.of(broker.topics()),
                List.of(broker.brokerProperties()));
    }

    /** A record: equal settings, equal customizers, so the context cache works as before. */
    private record Customizer(int partitions, List<String> topics, List<String> brokerProperties)
            implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context,
                                     MergedContextConfiguration mergedConfig) {
            TestKafka kafka = TestKafka.start(partitions, topics,
                    TestKafka.brokerProperties(brokerProperties.toArray(String[]::new)));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("keyrenewalTestKafka",
                    Map.of(BOOTSTRAP_SERVERS, kafka.bootstrapServers())));
            ((GenericApplicationContext) context).registerBean("keyrenewalTestKafka", TestKafka.class, () -> kafka,
                    definition -> ((AbstractBeanDefinition) definition).setDestroyMethodName("close"));
        }
    }
}
