package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.Require;

import java.io.ByteArrayInputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What a partner's new certificate must be for the tenant to take it: the one rule the renewal checks before it takes
 * the partner's step (so the partner can send another) and the keystore checks again when it imports the
 * certificate, with its configured limits. The checks, in order, each with the reason it gives:
 * <ol>
 *     <li>no key block: a private key is refused and never repeated, a bare public key is refused;</li>
 *     <li>one PEM encoded X.509 certificate (text around its block is ignored, and not kept);</li>
 *     <li>valid at {@code now};</li>
 *     <li>an end entity, no CA certificate;</li>
 *     <li>valid for at least {@code minimumValidity} after {@code now};</li>
 *     <li>an RSA key of at least {@code rsaMinimumBits} or an EC key on one of {@code ecCurves};</li>
 *     <li>for {@link PartnerCertificateUse#ENCRYPT_TO_PARTNER} an RSA key (the keystore encrypts to RSA keys
 *     only);</li>
 *     <li>where the certificate has a keyUsage extension, the use allowed by it: keyEncipherment to be encrypted to,
 *     digitalSignature or nonRepudiation to verify the partner's signatures. A certificate without one passes.</li>
 * </ol>
 * Whether the partner really sent it (its signature over the confirmation) is the renewal's business. JDK only.
 *
 * @param minimumValidity how long the certificate must still be valid after {@code now}
 * @param rsaMinimumBits  the smallest RSA modulus accepted
 * @param ecCurves        the EC curves accepted, by their NIST names ({@code P-256}, {@code P-384}, {@code P-521})
 */
public record PartnerCertificatePolicy(Duration minimumValidity, int rsaMinimumBits, List<String> ecCurves) {

    /** The limits unless configured otherwise: 30 days, RSA from 2048 bits, EC on P-256 and P-384. */
    public static final PartnerCertificatePolicy DEFAULTS = new PartnerCertificatePolicy(Duration.ofDays(30), 2048,
            List.of("P-256", "P-384"));

    /** The NIST curves by their OIDs, as FIPS 186 names them. */
    private static final Map<String, String> NIST_CURVES = Map.of("1.2.840.10045.3.1.1", "P-192",
            "1.3.132.0.33", "P-224", "1.2.840.10045.3.1.7", "P-256", "1.3.132.0.34", "P-384",
            "1.3.132.0.35", "P-521");
    private static final Pattern PEM_TYPE = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END ([A-Z0-9 ]+)-----");
    /** The bits of the keyUsage extension (RFC 5280, 4.2.1.3), by their position. */
    private static final List<String> KEY_USAGES = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly");
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;

    public PartnerCertificatePolicy {
        Require.present(minimumValidity, "minimumValidity");
        if (minimumValidity.isNegative()) {
            throw new IllegalArgumentException("minimumValidity must not be negative, not " + minimumValidity);
        }
        if (rsaMinimumBits < 1) {
            throw new IllegalArgumentException("rsaMinimumBits must be positive, not " + rsaMinimumBits);
        }
        ecCurves = ecCurves == null ? List.of()
                : ecCurves.stream().map(curve -> curve.trim().toUpperCase(Locale.ROOT)).toList();
    }

    /**
     * @param pem the partner's certificate as PEM, as the partner or an administrator sent it
     * @param now the time of whoever checks (the renewal's, the keystore's)
     * @param use what the tenant does with the certificate; null where nobody said (an administrator's import): the
     *            checks that depend on the use are left out
     * @return the certificate, or the reason of the first check it fails (never repeating a key of the input)
     */
    public Checked check(String pem, Instant now, PartnerCertificateUse use) {
        Require.present(now, "now");
        Optional<String> keyBlock = keyBlockProblem(pem);
        if (keyBlock.isPresent()) {
            return Checked.refused(keyBlock.get());
        }
        Checked parsed = parse(pem);
        if (!parsed.passed()) {
            return parsed;
        }
        X509Certificate certificate = parsed.certificate();
        String described = describe(certificate);
        return Stream.<Supplier<Optional<String>>>of(
                        () -> validityProblem(certificate, described, now),
                        () -> caProblem(certificate, described),
                        () -> minimumValidityProblem(certificate, described, now),
                        () -> keyProblem(certificate.getPublicKey(), described),
                        () -> useProblem(certificate.getPublicKey(), described, use),
                        () -> keyUsageProblem(certificate.getKeyUsage(), described, use))
                .map(Supplier::get)
                .flatMap(Optional::stream)
                .findFirst()
                .map(Checked::refused)
                .orElse(parsed);
    }

    /**
     * The outcome of {@link #check}: the certificate once every check passed, else the reason of the first that
     * failed, in words the partner or the administrator can act on.
     */
    public record Checked(X509Certificate certificate, String problem) {

        public Checked {
            if ((certificate == null) == (problem == null)) {
                throw new IllegalArgumentException("a check answers with either the certificate or its problem");
            }
        }

        static Checked refused(String problem) {
            return new Checked(null, problem);
        }

        public boolean passed() {
            return problem == null;
        }

        /** The certificate once every check passed, else {@code refusal} of the problem, thrown. */
        public <X extends RuntimeException> X509Certificate orElseThrow(Function<String, X> refusal) {
            if (!passed()) {
                throw refusal.apply(problem);
            }
            return certificate;
        }
    }

    /** A key block is refused before anything is parsed; its content is never part of a reason. */
    private static Optional<String> keyBlockProblem(String pem) {
        Matcher type = PEM_TYPE.matcher(pem == null ? "" : pem);
        while (type.find()) {
            if (type.group(1).contains("PRIVATE")) {
                return Optional.of("the input holds a private key, which the keystore never takes from a partner:"
                        + " send the partner's certificate only (-----BEGIN CERTIFICATE-----), and let the partner"
                        + " replace that key, as it has been disclosed");
            }
            if (type.group(1).contains("KEY")) {
                return Optional.of("the input holds a '" + type.group(1).toLowerCase(Locale.ROOT) + "' block: send"
                        + " the partner's certificate (-----BEGIN CERTIFICATE-----), not a bare key");
            }
        }
        return Optional.empty();
    }

    /**
     * The one certificate of the PEM text, read block by block (rather than by
     * {@link CertificateFactory#generateCertificates}, which can neither name the block at fault nor tell a missing
     * certificate from a broken one).
     */
    private static Checked parse(String pem) {
        Matcher block = PEM_BLOCK.matcher(pem == null ? "" : pem);
        List<X509Certificate> certificates = new ArrayList<>();
        int number = 0;
        while (block.find()) {
            number++;
            String type = block.group(1);
            if (!type.equals("CERTIFICATE") || !type.equals(block.group(3))) {
                return Checked.refused("block " + number + " is a '" + type.toLowerCase(Locale.ROOT) + "' block:"
                        + " send the partner's certificate (-----BEGIN CERTIFICATE-----) only");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(block.group(2).replaceAll("\\s", ""));
            } catch (IllegalArgumentException notBase64) {
                return Checked.refused("certificate block " + number + " is not valid Base64");
            }
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException notACertificate) {
                return Checked.refused("certificate block " + number + " is not an X.509 certificate: "
                        + notACertificate.getMessage());
            }
        }
        if (certificates.isEmpty()) {
            return Checked.refused("the input is not a PEM encoded X.509 certificate: it holds no PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----)");
        }
        if (certificates.size() > 1) {
            return Checked.refused(certificates.size() + " certificates: send the partner's own certificate only,"
                    + " without its CA certificates");
        }
        return new Checked(certificates.get(0), null);
    }

    private static Optional<String> validityProblem(X509Certificate certificate, String described, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return Optional.empty();
        } catch (CertificateExpiredException expired) {
            return Optional.of("certificate " + described + " is not valid at " + now + ": it expired on "
                    + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException early) {
            return Optional.of("certificate " + described + " is not valid at " + now + ": it is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    private static Optional<String> caProblem(X509Certificate certificate, String described) {
        if (certificate.getBasicConstraints() < 0) {
            return Optional.empty();
        }
        return Optional.of("certificate " + described + " is a CA certificate (basicConstraints CA=true): the"
                + " partner's own end-entity certificate is expected");
    }

    private Optional<String> minimumValidityProblem(X509Certificate certificate, String described, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (Duration.between(now, notAfter).compareTo(minimumValidity) >= 0) {
            return Optional.empty();
        }
        return Optional.of("certificate " + described + " is valid only until " + notAfter + ", less than the"
                + " minimum of " + minimumValidity.toDays() + " days from " + now);
    }

    private Optional<String> keyProblem(PublicKey key, String described) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= rsaMinimumBits ? Optional.empty() : Optional.of("certificate " + described + " has an RSA"
                    + " key of " + bits + " bits: at least " + rsaMinimumBits + " are required");
        }
        if (key instanceof ECPublicKey ec) {
            String curve = curveOf(ec);
            return ecCurves.contains(curve) ? Optional.empty() : Optional.of("certificate " + described + " has an"
                    + " EC key on curve " + curve + ": allowed are " + allowedCurves());
        }
        return Optional.of("certificate " + described + " has a key of type " + key.getAlgorithm() + ": allowed are"
                + " RSA (at least " + rsaMinimumBits + " bits) and EC (" + allowedCurves() + ")");
    }

    private Optional<String> useProblem(PublicKey key, String described, PartnerCertificateUse use) {
        if (use != PartnerCertificateUse.ENCRYPT_TO_PARTNER || key instanceof RSAPublicKey) {
            return Optional.empty();
        }
        return Optional.of("certificate " + described + " has an " + key.getAlgorithm() + " key: the tenant encrypts"
                + " to this partner, and encryption needs an RSA key (at least " + rsaMinimumBits + " bits)");
    }

    private static Optional<String> keyUsageProblem(boolean[] keyUsage, String described, PartnerCertificateUse use) {
        if (keyUsage == null || use == null) {
            return Optional.empty();
        }
        String allowed = IntStream.range(0, Math.min(keyUsage.length, KEY_USAGES.size()))
                .filter(bit -> keyUsage[bit]).mapToObj(KEY_USAGES::get).reduce((a, b) -> a + ", " + b)
                .orElse("nothing");
        if (use == PartnerCertificateUse.ENCRYPT_TO_PARTNER && !allows(keyUsage, KEY_ENCIPHERMENT)) {
            return Optional.of("certificate " + described + " may not be encrypted to: its keyUsage allows "
                    + allowed + ", and the tenant encrypts to this partner, which needs keyEncipherment");
        }
        if (use == PartnerCertificateUse.VERIFY_SIGNATURES && !allows(keyUsage, DIGITAL_SIGNATURE)
                && !allows(keyUsage, NON_REPUDIATION)) {
            return Optional.of("certificate " + described + " may not verify signatures: its keyUsage allows "
                    + allowed + ", and the tenant verifies this partner's signatures, which needs digitalSignature"
                    + " (or nonRepudiation)");
        }
        return Optional.empty();
    }

    private static boolean allows(boolean[] keyUsage, int bit) {
        return keyUsage.length > bit && keyUsage[bit];
    }

    private String allowedCurves() {
        return ecCurves.isEmpty() ? "none" : String.join(", ", ecCurves);
    }

    /** The curve's NIST name (P-256, ...) where it has one, else its OID. */
    private static String curveOf(ECPublicKey key) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(key.getParams());
            String oid = parameters.getParameterSpec(ECGenParameterSpec.class).getName();
            return NIST_CURVES.getOrDefault(oid, oid);
        } catch (GeneralSecurityException unnamed) {
            return "with explicit parameters";
        }
    }

    private static String describe(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "' (serial "
                + certificate.getSerialNumber().toString(16) + ")";
    }
}
