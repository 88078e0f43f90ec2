package io.keyrenewal.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 fingerprint of a DER encoding, lower-case hex (64 characters): of a certificate, or where a field says so,
 * of a public key (its X.509 SubjectPublicKeyInfo).
 */
public record Fingerprint(@JsonValue String value) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Fingerprint {
        Require.text(value, "fingerprint");
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("fingerprint must be 64 lower-case hex characters (SHA-256)");
        }
    }

    public static Fingerprint sha256Of(byte[] derEncoded) {
        try {
            return new Fingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(derEncoded)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
