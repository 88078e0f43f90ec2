package io.keyrenewal.testsupport.kafka;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The Kafka image docker-compose.yml deploys, so that a Testcontainers broker is the same one. */
final class ComposeKafkaImage {

    static final String COMPOSE_FILE = "docker-compose.yml";

    private ComposeKafkaImage() {
    }

    /** The image of docker-compose.yml's {@code kafka} service, the file found from the working folder upwards. */
    static String read() {
        return read(composeFile(Path.of("").toAbsolutePath()));
    }

    static String read(Path composeFile) {
        try (Reader reader = Files.newBufferedReader(composeFile)) {
            Map<?, ?> compose = new Yaml().load(reader);
            Object image = map(map(compose.get("services"), composeFile).get("kafka"), composeFile).get("image");
            if (!(image instanceof String name) || name.isBlank()) {
                throw new IllegalStateException(composeFile + " names no image for its kafka service");
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + composeFile, e);
        }
    }

    static Path composeFile(Path from) {
        for (Path folder = from; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(COMPOSE_FILE))) {
                return folder.resolve(COMPOSE_FILE);
            }
        }
        throw new IllegalStateException("no " + COMPOSE_FILE + " in " + from + " or a folder above it");
    }

    private static Map<?, ?> map(Object node, Path composeFile) {
        if (node instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalStateException(composeFile + " has no services.kafka");
    }
}
