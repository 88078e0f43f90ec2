package io.keyrenewal.contracts.partner;

/** The JWS algorithms a partner may sign its confirmations with (RFC 7518). */
public enum SignatureAlgorithm {
    /** ECDSA on P-256 with SHA-256; the signature is r||s, 64 bytes. */
    ES256("SHA256withECDSAinP1363Format", "EC"),
    /** RSASSA-PKCS1-v1_5 with SHA-256, RSA keys of 2048 bits or more. */
    RS256("SHA256withRSA", "RSA");

    private final String jcaName;
    private final String keyType;

    SignatureAlgorithm(String jcaName, String keyType) {
        this.jcaName = jcaName;
        this.keyType = keyType;
    }

    /** The algorithm's name for {@link java.security.Signature#getInstance(String)}. */
    public String jcaName() {
        return jcaName;
    }

    /** The key algorithm it needs, as {@link java.security.Key#getAlgorithm()} names it. */
    public String keyType() {
        return keyType;
    }
}
