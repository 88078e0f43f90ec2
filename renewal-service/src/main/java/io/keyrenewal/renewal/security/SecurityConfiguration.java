package io.keyrenewal.renewal.security;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.renewal.security.Callers.PartnerUser;
import io.keyrenewal.renewal.security.SecuritySettings.LocalUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every endpoint names the roles that may call it; anything not named here is denied. Without credentials a request
 * gets 401, with a role that may not call the endpoint 403.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String ADMIN = Role.TENANT_ADMIN.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String PARTNER = Role.PARTNER.name();

    @Bean
    public SecurityFilterChain api(HttpSecurity http, SecuritySettings settings,
                                   ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error",
                        "/login", "/favicon.ico").permitAll()
                // the tenant administrator's steps and the partner directory
                .requestMatchers(HttpMethod.POST, "/renewals", "/renewals/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.POST, "/partners").hasRole(ADMIN)
                .requestMatchers(HttpMethod.PUT, "/partners/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.POST, "/admin/clock/advance").hasRole(ADMIN)
                // reading renewals and partners: the tenant administrator and the auditor
                .requestMatchers(HttpMethod.GET, "/renewals", "/renewals/**", "/partners", "/partners/**")
                .hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard/**").hasAnyRole(ADMIN, AUDITOR)
                // history, export, verification, as-of queries, rebuild and republish
                .requestMatchers("/audit/**").hasRole(AUDITOR)
                // partners: their own renewals only (checked by the endpoints)
                .requestMatchers("/partner-api/**").hasRole(PARTNER)
                .anyRequest().denyAll());
        // API clients authenticate on every request: no session, so no cross-site request can ride on one, and no
        // CSRF token is needed. Requests in a session (the dashboard's login form) must carry the token.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(withoutSession()));
        if (settings.mode() == SecuritySettings.Mode.LOCAL) {
            http.httpBasic(Customizer.withDefaults());
            http.formLogin(form -> form.defaultSuccessUrl("/dashboard", false));
            http.exceptionHandling(exceptions -> exceptions
                    // a browser navigating (the dashboard) is shown the login form; API clients get 401
                    .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            request -> String.valueOf(request.getHeader("Accept")).contains("text/html"))
                    .defaultAuthenticationEntryPointFor(basicChallenge(), request -> true));
        } else {
            if (jwtDecoder.getIfAvailable() == null) {
                throw new IllegalStateException("keyrenewal.security.mode is oauth2 (the default outside the local"
                        + " profile) but no JWT issuer is configured: set SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_"
                        + "ISSUER_URI or ..._JWK_SET_URI to the tenant's identity provider, or run with the local"
                        + " profile and its users");
            }
            http.oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(
                    rolesFromClaim(settings.rolesClaim()))));
            http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        }
        return http.build();
    }

    /** 401 with the Basic challenge, so API clients (and curl) are asked for credentials. */
    private static AuthenticationEntryPoint basicChallenge() {
        return (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"keyrenewal\"");
            response.sendError(HttpStatus.UNAUTHORIZED.value(), "authentication required");
        };
    }

    private static RequestMatcher withoutSession() {
        return request -> request.getHeader("Authorization") != null || request.getSession(false) == null;
    }

    private static JwtAuthenticationConverter rolesFromClaim(String claim) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(claim);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The local profile's users; each login gets a fresh copy (Spring erases the password of the one it used). */
    @Bean
    public UserDetailsService localUsers(SecuritySettings settings) {
        Map<String, LocalUser> users = settings.users().stream()
                .collect(Collectors.toMap(LocalUser::username, Function.identity()));
        return username -> {
            LocalUser user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("no such user");
            }
            List<GrantedAuthority> authorities = user.roles().stream()
                    .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
            return new PartnerUser(user.username(), user.password(), authorities,
                    user.partnerId() == null ? null : new PartnerId(user.partnerId()));
        };
    }
}
