package io.keyrenewal.keystore.certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a partner's certificate must be to be taken into the keystore ({@link PartnerCertificateCheck}).
 *
 * @param minimumValidity how long it must still be valid, from the keystore's time, when it is imported
 * @param rsaMinimumBits  the smallest RSA modulus accepted
 * @param ecCurves        the EC curves accepted, by their NIST names ({@code P-256}, {@code P-384}, {@code P-521})
 */
@ConfigurationProperties("keyrenewal.keystore.partner-certificate")
public record PartnerCertificateProperties(@DefaultValue("30d") Duration minimumValidity,
                                           @DefaultValue("2048") int rsaMinimumBits,
                                           @DefaultValue({"P-256", "P-384"}) List<String> ecCurves) {

    public PartnerCertificateProperties {
        if (minimumValidity == null || minimumValidity.isNegative()) {
            throw new IllegalArgumentException("keyrenewal.keystore.partner-certificate.minimum-validity must not be"
                    + " negative");
        }
        if (rsaMinimumBits < 2048) {
            throw new IllegalArgumentException("keyrenewal.keystore.partner-certificate.rsa-minimum-bits must be at"
                    + " least 2048, not " + rsaMinimumBits);
        }
        ecCurves = ecCurves == null ? List.of() : ecCurves.stream().map(curve -> curve.trim()
                .toUpperCase(Locale.ROOT)).toList();
    }

    /** The defaults: 30 days, RSA from 2048 bits, EC on P-256 and P-384. */
    public static PartnerCertificateProperties defaults() {
        return new PartnerCertificateProperties(Duration.ofDays(30), 2048, List.of("P-256", "P-384"));
    }
}
