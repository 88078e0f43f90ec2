package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a partner's new certificate must be for a renewal to take it: one PEM certificate and nothing else (a key in
 * the input is refused and never repeated), an end entity, valid at the renewal's time and for at least 30 days
 * after, an RSA key from 2048 bits or an EC key on P-256 or P-384 (RSA only where the tenant encrypts to it, as the
 * keystore encrypts to RSA keys only). The same policy as the keystore's defaults
 * (keystore-service's {@code PartnerCertificateCheck}, which checks again when it imports): a certificate refused
 * here is refused before its step is taken, so the partner can send another. JDK only, as the aggregate runs it.
 */
final class PartnerCertificateRules {

    static final Duration MINIMUM_VALIDITY = Duration.ofDays(30);
    static final int RSA_MINIMUM_BITS = 2048;
    /** The allowed EC curves by their OIDs, as NIST names them. */
    private static final Map<String, String> CURVES = Map.of("1.2.840.10045.3.1.7", "P-256", "1.3.132.0.34", "P-384");
    private static final Pattern PEM_TYPE = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private PartnerCertificateRules() {
    }

    /**
     * @return the certificate as events carry it, once every check passed
     * @throws RenewalRefused.InvalidRenewalRequest naming the first check it fails
     */
    static CertificateInfo check(String pem, Instant now, PartnerCertificateUse use) {
        refuseKeys(pem);
        X509Certificate certificate = parse(pem);
        String described = "\"" + certificate.getSubjectX500Principal().getName() + "\" (serial "
                + certificate.getSerialNumber().toString(16) + ")";
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException invalid) {
            throw refused("certificate " + described + " is not valid at " + now + ": valid from "
                    + certificate.getNotBefore().toInstant() + " until " + certificate.getNotAfter().toInstant());
        }
        if (certificate.getBasicConstraints() >= 0) {
            throw refused("certificate " + described + " is a CA certificate (basicConstraints CA=true): the"
                    + " certificate of the partner's own new key pair is expected");
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (Duration.between(now, notAfter).compareTo(MINIMUM_VALIDITY) < 0) {
            throw refused("certificate " + described + " is valid only until " + notAfter + ", less than the"
                    + " minimum of " + MINIMUM_VALIDITY.toDays() + " days from " + now);
        }
        requireAllowedKey(certificate.getPublicKey(), described);
        if (use == PartnerCertificateUse.ENCRYPT_TO_PARTNER && !(certificate.getPublicKey() instanceof RSAPublicKey)) {
            throw refused("certificate " + described + " has an " + certificate.getPublicKey().getAlgorithm()
                    + " key: the tenant encrypts to this partner, and encryption needs an RSA key (at least "
                    + RSA_MINIMUM_BITS + " bits)");
        }
        try {
            return new CertificateInfo(pem.strip() + "\n", Fingerprint.sha256Of(certificate.getEncoded()),
                    certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                    certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(), notAfter);
        } catch (CertificateException unreadable) {
            throw refused("the certificate cannot be encoded: " + unreadable.getMessage());
        }
    }

    private static X509Certificate parse(String pem) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException unreadable) {
            throw refused("the certificate is not a PEM encoded X.509 certificate");
        }
        if (certificates.isEmpty() || !pem.strip().startsWith("-----BEGIN CERTIFICATE-----")) {
            throw refused("the certificate is not a PEM encoded X.509 certificate");
        }
        if (certificates.size() > 1) {
            throw refused(certificates.size() + " certificates: send the certificate of the partner's new key pair"
                    + " only, without its CA certificates");
        }
        return (X509Certificate) certificates.iterator().next();
    }

    /** A key block is refused before anything is parsed; its content is never part of a reason. */
    private static void refuseKeys(String pem) {
        Matcher type = PEM_TYPE.matcher(pem == null ? "" : pem);
        while (type.find()) {
            if (type.group(1).contains("PRIVATE")) {
                throw refused("the confirmation holds a private key, which is never taken from a partner: send the"
                        + " certificate only, and replace that key, as it has been disclosed");
            }
            if (type.group(1).contains("KEY")) {
                throw refused("the confirmation holds a '" + type.group(1).toLowerCase(Locale.ROOT) + "' block:"
                        + " send the certificate (-----BEGIN CERTIFICATE-----), not a bare key");
            }
        }
    }

    private static void requireAllowedKey(PublicKey key, String described) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < RSA_MINIMUM_BITS) {
                throw refused("certificate " + described + " has an RSA key of " + bits + " bits: at least "
                        + RSA_MINIMUM_BITS + " are required");
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            String oid = curveOid(ec);
            if (!CURVES.containsKey(oid)) {
                throw refused("certificate " + described + " has an EC key on curve " + oid + ": allowed are "
                        + String.join(", ", CURVES.values().stream().sorted().toList()));
            }
            return;
        }
        throw refused("certificate " + described + " has a key of type " + key.getAlgorithm() + ": allowed are RSA"
                + " (at least " + RSA_MINIMUM_BITS + " bits) and EC (P-256, P-384)");
    }

    private static String curveOid(ECPublicKey key) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(key.getParams());
            return parameters.getParameterSpec(ECGenParameterSpec.class).getName();
        } catch (GeneralSecurityException unnamed) {
            return "with explicit parameters";
        }
    }

    private static RenewalRefused.InvalidRenewalRequest refused(String reason) {
        return new RenewalRefused.InvalidRenewalRequest(reason);
    }
}
