package io.keyrenewal.testsupport.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeKafkaImageTest {

    @Test
    void theRepositorysComposeFileDeploysAnImageTestcontainersKafkaRuns() {
        String image = ComposeKafkaImage.read();

        assertThat(image).contains(":");
        DockerImageName.parse(image).assertCompatibleWith(DockerImageName.parse("apache/kafka"),
                DockerImageName.parse("apache/kafka-native"));
    }

    @Test
    void readsTheKafkaServicesImageFromTheNearestComposeFileAbove(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("docker-compose.yml"), """
                x-service: &service
                  image: eclipse-temurin:17-jre
                services:
                  kafka:
                    image: apache/kafka:9.9.9
                  app:
                    <<: *service
                """);
        Path module = Files.createDirectories(root.resolve("module").resolve("target"));

        assertThat(ComposeKafkaImage.read(ComposeKafkaImage.composeFile(module))).isEqualTo("apache/kafka:9.9.9");
    }

    @Test
    void saysSoWhenTheComposeFileHasNoKafkaService(@TempDir Path root) throws IOException {
        Path compose = Files.writeString(root.resolve("docker-compose.yml"), "services:\n  db:\n    image: x\n");

        assertThatThrownBy(() -> ComposeKafkaImage.read(compose)).hasMessageContaining("has no services.kafka");
    }
}
