package io.keyrenewal.testsupport.kafka;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A real Kafka broker of its own for a test class: a Testcontainers Kafka (docker-compose.yml's image) where a Docker
 * engine answers, else spring-kafka-test's embedded KRaft broker; {@link KafkaBrokerChoice} says which and why, and
 * {@code keyrenewal.test.kafka} (or {@code KEYRENEWAL_TEST_KAFKA}) = {@code auto}, {@code embedded} or
 * {@code testcontainers} chooses. Either way the broker creates topics with {@link #partitions()} partitions, the
 * {@link #topics()} at once and the others when first used.
 * <p>
 * On a Spring test class the broker belongs to the test's application context (started with it, stopped when it
 * closes) and {@code spring.kafka.bootstrap-servers} points at it. A test class without a Spring context, one that
 * starts its contexts by hand, takes the running broker as a {@link TestKafka} parameter of its test or
 * {@code @BeforeAll} methods; it is stopped after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaTestBrokerExtension.class)
public @interface KafkaTestBroker {

    /** Partitions of every topic the broker creates (its {@code num.partitions}). */
    int partitions();

    /** Topics created before the tests start. */
    String[] topics() default {};

    /** Broker settings, {@code name=value}, e.g. {@code message.max.bytes=2000000}. */
    String[] brokerProperties() default {};
}
