package io.keyrenewal.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 fingerprint of a DER encoding, lower-case hex (64 characters): of a certificate, or where a field says so,
 * of a public key (its X.509 SubjectPublicKeyInfo).
 */
public record Fingerprint(@JsonValue String value) {

    private static final int SHA256_HEX_LENGTH = 64;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Fingerprint {
        Require.text(value, "fingerprint");
        if (!isSha256Hex(value)) {
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

    /** Checked by hand, not by a regular expression: every stored event is read through here on a replay. */
    private static boolean isSha256Hex(String value) {
        if (value.length() != SHA256_HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < SHA256_HEX_LENGTH; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
