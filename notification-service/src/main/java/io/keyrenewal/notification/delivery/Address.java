package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.Require;

/**
 * Where one message goes over one channel.
 *
 * @param channel     {@code kafka}, {@code email} or {@code webhook}
 * @param destination the topic, the e-mail address or the webhook URL
 */
public record Address(String channel, String destination) {

    public static final String KAFKA = "kafka";
    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";

    public Address {
        Require.text(channel, "channel");
        Require.text(destination, "destination");
    }
}
