package io.keyrenewal.notification.security;

import io.keyrenewal.security.ApiAuthentication;
import io.keyrenewal.security.apidoc.ApiDescription;
import io.keyrenewal.security.apidoc.ApiRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The delivery log names partners' contacts and what they were sent: the tenant administrator and the auditor read
 * it, and they preview the messages of a dry run's plan. Anything not named is denied: without credentials 401, with
 * another role 403.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationSecurityConfiguration {

    /** The roles the API description names for each endpoint, as this chain allows them. */
    @Bean
    public ApiRoles apiRoles() {
        return ApiRoles.of("TENANT_ADMIN", "AUDITOR");
    }

    @Bean
    public SecurityFilterChain api(HttpSecurity http, ApiAuthentication authentication) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                // the API description and its Swagger UI: no data, read by operators and partners' developers
                .requestMatchers(ApiDescription.PATHS).permitAll()
                .requestMatchers(HttpMethod.GET, "/notifications", "/notifications/**")
                .hasAnyRole("TENANT_ADMIN", "AUDITOR")
                // renders the messages of a dry run's plan: reads the templates only, changes nothing
                .requestMatchers(HttpMethod.POST, "/notifications/preview").hasAnyRole("TENANT_ADMIN", "AUDITOR")
                .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole("TENANT_ADMIN", "AUDITOR")
                .anyRequest().denyAll());
        authentication.apply(http, null);
        return http.build();
    }
}
