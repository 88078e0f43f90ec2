package io.keyrenewal.testsupport.kafka;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerChoiceTest {

    @Test
    void autoTakesAContainerWhereADockerEngineAnswersAndTheEmbeddedBrokerWhereNoneDoes() {
        assertThat(KafkaBrokerChoice.choose("auto", () -> true).useTestcontainers()).isTrue();
        KafkaBrokerChoice withoutDocker = KafkaBrokerChoice.choose("auto", () -> false);
        assertThat(withoutDocker.useTestcontainers()).isFalse();
        assertThat(withoutDocker.line()).contains("embedded KRaft broker", "no Docker engine answers",
                KafkaBrokerChoice.PROPERTY, KafkaBrokerChoice.ENVIRONMENT);
        assertThat(KafkaBrokerChoice.choose("", () -> false).useTestcontainers()).isFalse();
    }

    @Test
    void embeddedDoesNotAskForDocker() {
        AtomicInteger asked = new AtomicInteger();
        KafkaBrokerChoice choice = KafkaBrokerChoice.choose(" Embedded ", () -> asked.incrementAndGet() > 0);
        assertThat(choice.useTestcontainers()).isFalse();
        assertThat(asked).hasValue(0);
    }

    @Test
    void testcontainersFailsClearlyWithoutADockerEngine() {
        assertThat(KafkaBrokerChoice.choose("testcontainers", () -> true).useTestcontainers()).isTrue();
        assertThatThrownBy(() -> KafkaBrokerChoice.choose("testcontainers", () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker engine answers here");
    }

    @Test
    void anotherSettingIsRefused() {
        assertThatThrownBy(() -> KafkaBrokerChoice.choose("docker", () -> true))
                .hasMessageContaining("is none of auto, embedded, testcontainers");
    }
}
