package io.keyrenewal.localstack.bench;

import io.keyrenewal.localstack.LocalStackFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A compose project of docker-compose.yml (and the files over it) under a name of its own: runs
 * {@code docker compose --project-name <name> --file ... <args>} in the repository and returns its output.
 */
final class ComposeProject {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

    private final Path repositoryRoot;
    private final String name;
    private final List<Path> files;

    /** {@code files} relative to the repository, docker-compose.yml first. */
    ComposeProject(Path repositoryRoot, String name, List<String> files) {
        this.repositoryRoot = repositoryRoot;
        this.name = name;
        this.files = files.stream().map(repositoryRoot::resolve).toList();
    }

    String name() {
        return name;
    }

    String run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "--project-name", name));
        files.forEach(file -> command.addAll(List.of("--file", file.toString())));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot.toFile())
                .redirectErrorStream(true);
        // docker-compose.yml requires these; a service asks the identity provider only when a bearer token comes
        builder.environment().putIfAbsent("OIDC_ISSUER_URI", "http://identity-provider.invalid/");
        builder.environment().putIfAbsent("KEYSTORE_PASSWORD", UUID.randomUUID().toString());
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LocalStackFailure(String.join(" ", command) + " took longer than " + COMMAND_TIMEOUT);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new LocalStackFailure(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + RestCalls.abbreviate(text));
            }
            return text;
        } catch (IOException e) {
            throw new LocalStackFailure("cannot run docker compose: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackFailure("interrupted while running docker compose", e);
        }
    }
}
