package io.keyrenewal.keystore.security;

import io.keyrenewal.security.ApiAuthentication;
import io.keyrenewal.security.apidoc.ApiDescription;
import io.keyrenewal.security.apidoc.ApiRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the tenant's keys. Integration flows sign and decrypt with them, verify and encrypt with partners'
 * certificates ({@code INTEGRATION_FLOW}); the tenant administrator imports CA answers and partners' certificates,
 * switches to and removes these; the administrator and the auditor read the public material. Anything not named
 * is denied: without credentials 401, with another role 403.
 */
@Configuration(proxyBeanMethods = false)
public class KeystoreSecurityConfiguration {

    /** The roles of keystore-service's API. */
    public enum Role { TENANT_ADMIN, AUDITOR, INTEGRATION_FLOW }

    /** The roles the API description names for each endpoint, as this chain allows them. */
    @Bean
    public ApiRoles apiRoles() {
        return ApiRoles.of(Role.values());
    }

    @Bean
    public SecurityFilterChain api(HttpSecurity http, ApiAuthentication authentication) throws Exception {
        String admin = Role.TENANT_ADMIN.name();
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                // the API description and its Swagger UI: no data, read by operators and partners' developers
                .requestMatchers(ApiDescription.PATHS).permitAll()
                .requestMatchers(HttpMethod.POST, "/keystore/aliases/*/sign", "/keystore/aliases/*/decrypt",
                        "/keystore/aliases/*/verify", "/keystore/aliases/*/encrypt")
                .hasRole(Role.INTEGRATION_FLOW.name())
                .requestMatchers(HttpMethod.POST, "/keystore/entries/*/staged/certificate-chain",
                        "/keystore/aliases/*/partner-certificates",
                        "/keystore/aliases/*/partner-certificates/*/activate")
                .hasRole(admin)
                .requestMatchers(HttpMethod.DELETE, "/keystore/aliases/*/partner-certificates/*").hasRole(admin)
                .requestMatchers(HttpMethod.POST, "/admin/clock/advance").hasRole(admin)
                .requestMatchers(HttpMethod.GET, "/admin/clock", "/actuator/prometheus")
                .hasAnyRole(admin, Role.AUDITOR.name())
                .requestMatchers(HttpMethod.GET, "/keystore/**").hasAnyRole(admin, Role.AUDITOR.name())
                .anyRequest().denyAll());
        authentication.apply(http, null);
        return http.build();
    }
}
