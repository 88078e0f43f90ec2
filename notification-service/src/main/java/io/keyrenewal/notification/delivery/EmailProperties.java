package io.keyrenewal.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * E-mail over SMTP ({@code spring.mail.*} says which server).
 *
 * @param enabled whether messages go out by e-mail at all (partners and tenant that ask for it)
 * @param from    the sender address of the messages
 */
@ConfigurationProperties("keyrenewal.notification.email")
public record EmailProperties(boolean enabled, String from) {
}
