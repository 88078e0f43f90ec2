package io.keyrenewal.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;
import java.util.Optional;

/**
 * The per-partner secrets that sign webhook calls ({@code keyrenewal.notification.webhook-secrets.<partner id>}),
 * from the environment. Only this service holds them: they are never logged, published or shown.
 */
@ConfigurationProperties("keyrenewal.notification")
public record WebhookSecrets(Map<String, String> webhookSecrets) {

    public WebhookSecrets {
        webhookSecrets = webhookSecrets == null ? Map.of() : Map.copyOf(webhookSecrets);
    }

    Optional<String> of(String partnerId) {
        return Optional.ofNullable(webhookSecrets.get(partnerId)).filter(secret -> !secret.isBlank());
    }

    @Override
    public String toString() {
        return "WebhookSecrets[" + webhookSecrets.size() + " partners, values hidden]";
    }
}
