package io.keyrenewal.contracts.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The signature of a partner confirmation: a JWS (RFC 7515) in compact serialization with a detached payload
 * (Appendix F), {@code <header>..<signature>}, where the payload is the exact bytes of the confirmation as sent (the
 * Kafka record value or the HTTP request body). It travels beside the body: in the {@code keyrenewal_signature}
 * record header, or the {@code Keyrenewal-Signature} HTTP header.
 *
 * <p>The protected header is {@code {"alg":"ES256","kid":"<key id>"}} (or RS256); only {@code alg}, {@code kid} and
 * {@code typ} are allowed. The algorithm must be the one the partner registered for that key id.
 */
public final class ConfirmationSignatures {

    /** The Kafka record header carrying the signature. */
    public static final String RECORD_HEADER = "keyrenewal_signature";
    /** The HTTP request header carrying the signature. */
    public static final String HTTP_HEADER = "Keyrenewal-Signature";

    private static final Set<String> ALLOWED_HEADER_FIELDS = Set.of("alg", "kid", "typ");
    private static final int ES256_SIGNATURE_BYTES = 64;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private ConfirmationSignatures() {
    }

    /** Signs {@code payload} with the partner's private key (EC P-256 gives ES256, RSA gives RS256). */
    public static String sign(byte[] payload, String kid, PrivateKey key) {
        SignatureAlgorithm algorithm = key instanceof ECKey ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256;
        Map<String, String> header = new LinkedHashMap<>();
        header.put("alg", algorithm.name());
        header.put("kid", kid);
        String encodedHeader = B64.encodeToString(ContractJson.write(header).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance(algorithm.jcaName());
            signer.initSign(key);
            signer.update(signingInput(encodedHeader, payload));
            return encodedHeader + ".." + B64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this " + key.getAlgorithm() + " key: "
                    + e.getMessage(), e);
        }
    }

    /** The key id the signature names, for finding the registered key. */
    public static String keyId(String jws) {
        return header(parts(jws)[0]).path("kid").asText();
    }

    /**
     * Checks the signature over {@code payload} with the key the partner registered under its key id.
     *
     * @param registeredKeys the partner's keys by key id
     * @return the key id that signed it
     * @throws InvalidSignature naming what is wrong
     */
    public static String verify(String jws, byte[] payload, Function<String, Optional<ConfirmationKey>> registeredKeys) {
        String[] parts = parts(jws);
        JsonNode header = header(parts[0]);
        String kid = header.path("kid").asText();
        String alg = header.path("alg").asText();
        ConfirmationKey registered = registeredKeys.apply(kid).orElseThrow(() -> new InvalidSignature(
                "key id '" + kid + "' is not registered for this partner"));
        if (!registered.algorithm().name().equals(alg)) {
            throw new InvalidSignature("key '" + kid + "' is registered for " + registered.algorithm()
                    + ", the signature says " + alg);
        }
        byte[] signature = decode(parts[2], "signature");
        if (registered.algorithm() == SignatureAlgorithm.ES256 && signature.length != ES256_SIGNATURE_BYTES) {
            throw new InvalidSignature("an ES256 signature has 64 bytes, this one " + signature.length);
        }
        PublicKey key;
        try {
            key = registered.toPublicKey();
        } catch (IllegalArgumentException e) {
            throw new InvalidSignature(e.getMessage());
        }
        try {
            Signature verifier = Signature.getInstance(registered.algorithm().jcaName());
            verifier.initVerify(key);
            verifier.update(signingInput(parts[0], payload));
            if (!verifier.verify(signature)) {
                throw new InvalidSignature("the signature does not match the confirmation and key '" + kid + "'");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidSignature("the signature cannot be checked: " + e.getMessage());
        }
        return kid;
    }

    private static byte[] signingInput(String encodedHeader, byte[] payload) {
        return (encodedHeader + "." + B64.encodeToString(payload)).getBytes(StandardCharsets.US_ASCII);
    }

    private static String[] parts(String jws) {
        if (jws == null || jws.isBlank()) {
            throw new InvalidSignature("the confirmation is not signed (no " + RECORD_HEADER + " record header or "
                    + HTTP_HEADER + " HTTP header)");
        }
        String[] parts = jws.trim().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
            throw new InvalidSignature("the signature is not a compact JWS <header>..<signature>");
        }
        if (!parts[1].isEmpty()) {
            throw new InvalidSignature("the signature must have a detached payload (<header>..<signature>)");
        }
        return parts;
    }

    private static JsonNode header(String encoded) {
        JsonNode header;
        try {
            header = ContractJson.mapper().readTree(decode(encoded, "header"));
        } catch (java.io.IOException e) {
            throw new InvalidSignature("the signature's header is not JSON");
        }
        if (header == null || !header.isObject()) {
            throw new InvalidSignature("the signature's header is not a JSON object");
        }
        for (Iterator<String> names = header.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ALLOWED_HEADER_FIELDS.contains(name)) {
                throw new InvalidSignature("the signature's header may hold only alg, kid and typ, not '" + name
                        + "'");
            }
        }
        if (!header.path("kid").isTextual() || header.path("kid").asText().isBlank()) {
            throw new InvalidSignature("the signature's header names no kid");
        }
        String alg = header.path("alg").asText();
        if (!alg.equals("ES256") && !alg.equals("RS256")) {
            throw new InvalidSignature("the signature's alg must be ES256 or RS256, not '" + alg + "'");
        }
        return header;
    }

    private static byte[] decode(String part, String what) {
        try {
            return B64_DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignature("the signature's " + what + " is not base64url");
        }
    }

    /** A signature that is missing, malformed, made with an unknown key or does not match. */
    public static class InvalidSignature extends RuntimeException {
        public InvalidSignature(String message) {
            super(message);
        }
    }
}
