package io.keyrenewal.keystore.certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the keystore's self-signed certificates look.
 *
 * @param validity     from issue time to {@code notAfter}
 * @param organization the {@code O} of subject and issuer ({@code CN} is the alias)
 */
@ConfigurationProperties("keyrenewal.keystore.certificate")
public record CertificateProperties(@DefaultValue("365d") Duration validity,
                                    @DefaultValue("keyrenewal") String organization) {

    public CertificateProperties {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("keyrenewal.keystore.certificate.validity must be positive");
        }
        if (organization == null || organization.isBlank()) {
            throw new IllegalArgumentException("keyrenewal.keystore.certificate.organization must not be blank");
        }
    }
}
