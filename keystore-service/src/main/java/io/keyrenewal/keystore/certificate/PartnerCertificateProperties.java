package io.keyrenewal.keystore.certificate;

import io.keyrenewal.contracts.renewal.PartnerCertificatePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The limits of what a partner's certificate must be to be taken into the keystore ({@link PartnerCertificateCheck}):
 * the contracts' {@link PartnerCertificatePolicy}, whose defaults the renewal checks with.
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
    }

    /** The defaults: {@link PartnerCertificatePolicy#DEFAULTS}, 30 days, RSA from 2048 bits, EC on P-256 and P-384. */
    public static PartnerCertificateProperties defaults() {
        PartnerCertificatePolicy defaults = PartnerCertificatePolicy.DEFAULTS;
        return new PartnerCertificateProperties(defaults.minimumValidity(), defaults.rsaMinimumBits(),
                defaults.ecCurves());
    }

    /** The contracts' rule for a partner's certificate with these limits. */
    public PartnerCertificatePolicy policy() {
        return new PartnerCertificatePolicy(minimumValidity, rsaMinimumBits, ecCurves);
    }
}
