package io.keyrenewal.contracts.partner;

/**
 * How a partner receives messages: on {@code partner.notifications.v1} (kafka), by e-mail to its contacts, and/or by
 * an HTTP POST to {@code webhookUrl} (null: no webhook). The webhook's signing secret is never in the directory.
 */
public record PartnerChannels(boolean kafka, boolean email, String webhookUrl) {
}
