package io.keyrenewal.renewal.security;

import io.keyrenewal.security.ApiAuthentication;
import io.keyrenewal.security.apidoc.ApiDescription;
import io.keyrenewal.security.apidoc.ApiRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every endpoint names the roles that may call it; anything not named here is denied. Without credentials a request
 * gets 401, with a role that may not call the endpoint 403 (how callers authenticate: {@link ApiAuthentication}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String ADMIN = Role.TENANT_ADMIN.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String PARTNER = Role.PARTNER.name();

    /** The roles the API description names for each endpoint, as this chain allows them. */
    @Bean
    public ApiRoles apiRoles() {
        return ApiRoles.of(Role.values());
    }

    @Bean
    public SecurityFilterChain api(HttpSecurity http, ApiAuthentication authentication) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error",
                        "/login", "/favicon.ico").permitAll()
                // the API description and its Swagger UI: no data, read by operators and partners' developers
                .requestMatchers(ApiDescription.PATHS).permitAll()
                // the tenant administrator's steps and the partner directory
                .requestMatchers(HttpMethod.POST, "/renewals", "/renewals/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.POST, "/partners").hasRole(ADMIN)
                .requestMatchers(HttpMethod.PUT, "/partners/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.POST, "/admin/clock/advance").hasRole(ADMIN)
                // renewal policies: set and removed by the tenant administrator, read like partners
                .requestMatchers(HttpMethod.PUT, "/policies/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.DELETE, "/policies/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/policies", "/policies/**").hasAnyRole(ADMIN, AUDITOR)
                // reading renewals and partners: the tenant administrator and the auditor
                .requestMatchers(HttpMethod.GET, "/renewals", "/renewals/**", "/partners", "/partners/**", "/playbooks",
                        "/aliases", "/aliases/**")
                .hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard/**").hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers(HttpMethod.GET, "/admin/clock", "/actuator/prometheus").hasAnyRole(ADMIN, AUDITOR)
                // history, export, verification, as-of queries, rebuild and republish
                .requestMatchers("/audit/**").hasRole(AUDITOR)
                // partners: their own renewals only (checked by the endpoints)
                .requestMatchers("/partner-api/**").hasRole(PARTNER)
                .anyRequest().denyAll());
        authentication.apply(http, "/dashboard");
        return http.build();
    }
}
