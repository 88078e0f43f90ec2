package io.keyrenewal.notification.security;

import io.keyrenewal.security.ApiAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The delivery log names partners' contacts and what they were sent: the tenant administrator and the auditor read
 * it. Anything not named is denied: without credentials 401, with another role 403.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationSecurityConfiguration {

    @Bean
    public SecurityFilterChain api(HttpSecurity http, ApiAuthentication authentication) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                .requestMatchers(HttpMethod.GET, "/notifications", "/notifications/**")
                .hasAnyRole("TENANT_ADMIN", "AUDITOR")
                .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole("TENANT_ADMIN", "AUDITOR")
                .anyRequest().denyAll());
        authentication.apply(http, null);
        return http.build();
    }
}
