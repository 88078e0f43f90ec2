package io.keyrenewal.keystore.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Aliases that get an initial key pair at startup if they have none, so a local demo renewal has an old key to
 * retain and remove.
 */
@ConfigurationProperties("keyrenewal.keystore")
public record SeedProperties(List<String> seedAliases) {

    public SeedProperties {
        seedAliases = seedAliases == null ? List.of()
                : seedAliases.stream().map(String::trim).filter(alias -> !alias.isEmpty()).toList();
    }
}
