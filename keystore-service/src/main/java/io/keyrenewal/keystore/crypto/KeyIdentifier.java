package io.keyrenewal.keystore.crypto;

import io.keyrenewal.keystore.certificate.PublicCertificate;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How a message names the key it was encrypted for, as WS-Security does: the certificate's issuer and serial number,
 * or its SHA-1 or SHA-256 thumbprint (hex, with or without colons, or Base64). Exactly one form is given.
 *
 * @param issuer       RFC 2253 distinguished name, with {@code serialNumber}
 * @param serialNumber hex, as keytool prints it
 */
public record KeyIdentifier(String issuer, String serialNumber, String sha1, String sha256) {

    public KeyIdentifier {
        int forms = (issuer != null || serialNumber != null ? 1 : 0) + (sha1 != null ? 1 : 0)
                + (sha256 != null ? 1 : 0);
        if (forms != 1) {
            throw new IllegalArgumentException("name the key by exactly one of issuer+serialNumber, sha1, sha256");
        }
        if ((issuer == null) != (serialNumber == null)) {
            throw new IllegalArgumentException("issuer and serialNumber go together");
        }
    }

    boolean names(PublicCertificate certificate) {
        if (issuer != null) {
            return certificate.certificate().getIssuerX500Principal().equals(new X500Principal(issuer))
                    && certificate.certificate().getSerialNumber().equals(new BigInteger(serialNumber.trim(), 16));
        }
        if (sha1 != null) {
            return thumbprint(sha1, 20).equals(certificate.sha1Hex());
        }
        return thumbprint(sha256, 32).equals(certificate.fingerprint().value());
    }

    private static String thumbprint(String given, int length) {
        String hex = given.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (hex.length() == 2 * length && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return hex;
        }
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(given.trim()));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("thumbprint '" + given + "' is neither hex nor Base64");
        }
    }

    @Override
    public String toString() {
        return issuer != null ? "issuer " + issuer + ", serial " + serialNumber
                : sha1 != null ? "SHA-1 thumbprint " + sha1 : "SHA-256 thumbprint " + sha256;
    }
}
