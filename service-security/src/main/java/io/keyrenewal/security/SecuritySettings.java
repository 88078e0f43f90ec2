package io.keyrenewal.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * How callers of the REST API authenticate.
 *
 * @param mode           {@code local}: the users below, HTTP Basic (and a login form for the dashboard);
 *                       {@code oauth2}: bearer JWTs of the tenant's identity provider (the default outside the local
 *                       profile), configured with Spring's {@code spring.security.oauth2.resourceserver.jwt.*}
 * @param users          the local users, with password hashes ({@code {bcrypt}...}), never plain passwords
 * @param rolesClaim     the JWT claim listing the caller's roles (the service's role names, e.g.
 *                       {@code TENANT_ADMIN})
 * @param partnerIdClaim the JWT claim naming the partner a {@code PARTNER} caller speaks for
 */
@ConfigurationProperties("keyrenewal.security")
public record SecuritySettings(@DefaultValue("oauth2") Mode mode, List<LocalUser> users,
                               @DefaultValue("roles") String rolesClaim,
                               @DefaultValue("partner_id") String partnerIdClaim) {

    public SecuritySettings {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** The role of callers who speak for a partner; its users name their partner. */
    public static final String PARTNER_ROLE = "PARTNER";

    public enum Mode { LOCAL, OAUTH2 }

    /**
     * A user of the local profile.
     *
     * @param password  the password's hash with its encoder's id, e.g. {@code {bcrypt}$2a$10$...}
     * @param partnerId for a {@code PARTNER}: the partner the user speaks for
     */
    public record LocalUser(String username, String password, List<String> roles, String partnerId) {

        public LocalUser {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("keyrenewal.security.users: a user has no username");
            }
            if (password == null || !password.startsWith("{") || password.startsWith("{noop}")) {
                throw new IllegalArgumentException("keyrenewal.security.users: the password of " + username
                        + " must be a hash with its encoder's id, e.g. {bcrypt}$2a$10$... (renewalctl hash-password"
                        + " makes one)");
            }
            roles = roles == null ? List.of() : List.copyOf(roles);
            if (roles.contains(PARTNER_ROLE) && (partnerId == null || partnerId.isBlank())) {
                throw new IllegalArgumentException("keyrenewal.security.users: " + username
                        + " has the role PARTNER but no partner-id");
            }
        }
    }
}
