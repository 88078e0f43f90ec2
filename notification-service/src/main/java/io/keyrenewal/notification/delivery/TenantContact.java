package io.keyrenewal.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The tenant administrator, who receives escalations and alerts: on {@code partner.notifications.v1} (recipient
 * TENANT_ADMINISTRATOR) and, if {@code email} is set, by e-mail.
 */
@ConfigurationProperties("keyrenewal.notification.tenant")
public record TenantContact(String email) {

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }
}
