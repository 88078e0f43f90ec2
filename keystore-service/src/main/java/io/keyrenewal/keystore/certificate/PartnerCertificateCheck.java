package io.keyrenewal.keystore.certificate;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.springframework.stereotype.Component;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a partner's certificate passes before the keystore takes it: one PEM certificate and nothing else (a
 * private key in the input is refused and never repeated), an end entity (no CA), valid at the keystore's time and
 * for at least the configured time after it, an RSA key of at least the configured size or an EC key on an allowed
 * curve. Whether the partner really sent it (its signature over the confirmation) is the renewal's business, checked
 * before it asks the keystore. Each refusal is an {@link InvalidPartnerCertificate} that says why.
 */
@Component
public class PartnerCertificateCheck {

    private static final Pattern PEM_TYPE = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private final PartnerCertificateProperties properties;

    public PartnerCertificateCheck(PartnerCertificateProperties properties) {
        this.properties = properties;
    }

    /**
     * @param pem the partner's certificate as PEM
     * @param now the keystore's time
     * @return the certificate, once every check passed
     * @throws InvalidPartnerCertificate naming the first check it fails
     */
    public X509Certificate check(String pem, Instant now) {
        refuseKeys(pem);
        X509Certificate certificate;
        try {
            List<X509Certificate> certificates = CertificateChain.parse(pem);
            if (certificates.size() > 1) {
                throw new InvalidPartnerCertificate(certificates.size() + " certificates: send the partner's own"
                        + " certificate only, without its CA certificates");
            }
            certificate = certificates.get(0);
            CertificateChain.requireValidAt(certificate, now);
        } catch (InvalidCertificateChain invalid) {
            throw new InvalidPartnerCertificate(invalid.getMessage());
        }
        String described = CertificateChain.describe(certificate);
        if (certificate.getBasicConstraints() >= 0) {
            throw new InvalidPartnerCertificate("certificate " + described + " is a CA certificate (basicConstraints"
                    + " CA=true): the partner's own end-entity certificate is expected");
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (Duration.between(now, notAfter).compareTo(properties.minimumValidity()) < 0) {
            throw new InvalidPartnerCertificate("certificate " + described + " is valid only until " + notAfter
                    + ", less than the minimum of " + properties.minimumValidity().toDays() + " days from keystore"
                    + " time " + now);
        }
        requireAllowedKey(certificate.getPublicKey(), described);
        return certificate;
    }

    /** A key block is refused before anything is parsed; its content is never part of a message. */
    private static void refuseKeys(String pem) {
        Matcher type = PEM_TYPE.matcher(pem == null ? "" : pem);
        while (type.find()) {
            if (type.group(1).contains("PRIVATE")) {
                throw new InvalidPartnerCertificate("the input holds a private key, which the keystore never takes"
                        + " from a partner: send the partner's certificate only (-----BEGIN CERTIFICATE-----), and"
                        + " let the partner replace that key, as it has been disclosed");
            }
            if (type.group(1).contains("KEY")) {
                throw new InvalidPartnerCertificate("the input holds a '" + type.group(1).toLowerCase(Locale.ROOT)
                        + "' block: send the partner's certificate (-----BEGIN CERTIFICATE-----), not a bare key");
            }
        }
    }

    private void requireAllowedKey(PublicKey key, String described) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < properties.rsaMinimumBits()) {
                throw new InvalidPartnerCertificate("certificate " + described + " has an RSA key of " + bits
                        + " bits: at least " + properties.rsaMinimumBits() + " are required");
            }
            return;
        }
        if (key instanceof ECPublicKey) {
            String curve = curveOf(key);
            if (!properties.ecCurves().contains(curve.toUpperCase(Locale.ROOT))) {
                throw new InvalidPartnerCertificate("certificate " + described + " has an EC key on curve " + curve
                        + ": allowed are " + String.join(", ", properties.ecCurves()));
            }
            return;
        }
        throw new InvalidPartnerCertificate("certificate " + described + " has a key of type " + key.getAlgorithm()
                + ": allowed are RSA (at least " + properties.rsaMinimumBits() + " bits) and EC ("
                + String.join(", ", properties.ecCurves()) + ")");
    }

    /** The curve's NIST name (P-256, ...) where it has one, else its SEC/X9.62 name or OID. */
    private static String curveOf(PublicKey key) {
        ASN1Encodable parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
        if (!(parameters instanceof ASN1ObjectIdentifier oid)) {
            return "with explicit parameters";
        }
        String nist = NISTNamedCurves.getName(oid);
        if (nist != null) {
            return nist;
        }
        String other = ECNamedCurveTable.getName(oid);
        return other != null ? other : oid.getId();
    }
}
