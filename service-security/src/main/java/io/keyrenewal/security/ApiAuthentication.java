package io.keyrenewal.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * How a service's REST API authenticates its callers; the service names the roles of its endpoints itself. Without
 * credentials a request gets 401 (a browser navigating is shown the login form, where the service has one).
 */
public class ApiAuthentication {

    private final SecuritySettings settings;
    private final ObjectProvider<JwtDecoder> jwtDecoder;

    public ApiAuthentication(SecuritySettings settings, ObjectProvider<JwtDecoder> jwtDecoder) {
        this.settings = settings;
        this.jwtDecoder = jwtDecoder;
    }

    /**
     * Local users over HTTP Basic, or OAuth2 bearer JWTs.
     *
     * @param loginSuccessUrl where the login form leads (a page for browsers), or null for an API without one
     */
    public void apply(HttpSecurity http, String loginSuccessUrl) throws Exception {
        // API clients authenticate on every request: no session, so no cross-site request can ride on one, and no
        // CSRF token is needed. Requests in a session (a login form's) must carry the token.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(withoutSession()));
        if (settings.mode() == SecuritySettings.Mode.LOCAL) {
            http.httpBasic(Customizer.withDefaults());
            if (loginSuccessUrl != null) {
                http.formLogin(form -> form.defaultSuccessUrl(loginSuccessUrl, false));
                http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        request -> String.valueOf(request.getHeader("Accept")).contains("text/html")));
            }
            http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(basicChallenge(),
                    request -> true));
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
}
