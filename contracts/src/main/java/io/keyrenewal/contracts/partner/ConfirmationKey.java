package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.Require;

import java.io.ByteArrayInputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A public key a partner registered to sign its confirmations. Public material only: it may sit in events and on
 * {@code partner.directory.v1}. A partner can register several (one per {@code kid}) to rotate its own key.
 *
 * @param kid       the key id the partner puts in the signature's header
 * @param algorithm ES256 (an EC P-256 key) or RS256 (an RSA key of 2048 bits or more)
 * @param publicKey PEM: a {@code PUBLIC KEY} (SubjectPublicKeyInfo) or a {@code CERTIFICATE} carrying the key
 */
public record ConfirmationKey(String kid, SignatureAlgorithm algorithm, String publicKey) {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (PUBLIC KEY|CERTIFICATE)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final int MIN_RSA_BITS = 2048;

    public ConfirmationKey {
        Require.text(kid, "kid");
        Require.present(algorithm, "algorithm");
        Require.text(publicKey, "publicKey");
    }

    /** The registration of {@code key} under {@code kid}: ES256 for an EC key, RS256 for an RSA key. */
    public static ConfirmationKey of(String kid, PublicKey key) {
        return new ConfirmationKey(kid, "EC".equals(key.getAlgorithm()) ? SignatureAlgorithm.ES256
                : SignatureAlgorithm.RS256, pem(key));
    }

    /** The key as a PEM {@code PUBLIC KEY} block. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * The key, checked to suit the algorithm.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public PublicKey toPublicKey() {
        Matcher pem = PEM.matcher(publicKey.trim());
        if (!pem.matches()) {
            throw new IllegalArgumentException("key " + kid + ": publicKey must be one PEM 'PUBLIC KEY' or"
                    + " 'CERTIFICATE' block");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        PublicKey key;
        try {
            key = "CERTIFICATE".equals(pem.group(1))
                    ? CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der))
                    .getPublicKey()
                    : KeyFactory.getInstance(algorithm.keyType()).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("key " + kid + ": not a readable " + algorithm.keyType()
                    + " public key (" + e.getMessage() + ")", e);
        }
        requireSuits(key);
        return key;
    }

    private void requireSuits(PublicKey key) {
        if (!algorithm.keyType().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("key " + kid + ": " + algorithm + " needs an " + algorithm.keyType()
                    + " key, this one is " + key.getAlgorithm());
        }
        if (key instanceof ECPublicKey ec && !isP256(ec.getParams())) {
            throw new IllegalArgumentException("key " + kid + ": ES256 needs a key on curve P-256");
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("key " + kid + ": RS256 needs an RSA key of at least " + MIN_RSA_BITS
                    + " bits, this one has " + rsa.getModulus().bitLength());
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
            return p256.getCurve().equals(params.getCurve()) && p256.getGenerator().equals(params.getGenerator())
                    && p256.getOrder().equals(params.getOrder()) && p256.getCofactor() == params.getCofactor();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM does not know curve P-256", e);
        }
    }
}
