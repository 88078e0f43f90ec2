package io.keyrenewal.testsupport.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.util.Arrays;

/**
 * {@link KafkaTestBroker} on a test class without a Spring test context: one broker for the class, started before
 * its {@code @BeforeAll} methods, given to {@link TestKafka} parameters, stopped after the class (JUnit closes what
 * its store holds). On a Spring test class the context has the broker
 * ({@link KafkaTestBrokerContextCustomizerFactory}) and a {@link TestKafka} parameter is that context's.
 */
public class KafkaTestBrokerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaTestBrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (hasSpringContext(testClass)) {
            return;
        }
        KafkaTestBroker broker = AnnotationSupport.findAnnotation(testClass, KafkaTestBroker.class).orElseThrow();
        context.getStore(NAMESPACE).put(testClass, TestKafka.start(broker));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        return hasSpringContext(testClass)
                ? SpringExtension.getApplicationContext(context).getBean(TestKafka.class)
                : context.getStore(NAMESPACE).get(testClass, TestKafka.class);
    }

    private static boolean hasSpringContext(Class<?> testClass) {
        return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                .flatMap(extendWith -> Arrays.stream(extendWith.value()))
                .anyMatch(SpringExtension.class::equals);
    }
}
