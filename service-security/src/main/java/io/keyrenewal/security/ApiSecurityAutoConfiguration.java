package io.keyrenewal.security;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.security.SecuritySettings.LocalUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The settings, local users and password hashing every service's API authentication uses. */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@EnableConfigurationProperties(SecuritySettings.class)
public class ApiSecurityAutoConfiguration {

    @Bean
    public ApiAuthentication apiAuthentication(SecuritySettings settings, ObjectProvider<JwtDecoder> jwtDecoder) {
        return new ApiAuthentication(settings, jwtDecoder);
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
                    .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
            return new PartnerUser(user.username(), user.password(), authorities,
                    user.partnerId() == null ? null : new PartnerId(user.partnerId()));
        };
    }
}
