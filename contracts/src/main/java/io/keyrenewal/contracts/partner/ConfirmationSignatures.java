package io.keyrenewal.contracts.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.keyrenewal.contracts.ContractJson;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
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
 *
 * <p>Nimbus JOSE signs and verifies; what is written here is this contract's own: which headers and algorithms it
 * allows, and refusals that tell the partner what is wrong in its words.
 */
public final class ConfirmationSignatures {

    /** The Kafka record header carrying the signature. */
    public static final String RECORD_HEADER = "keyrenewal_signature";
    /** The HTTP request header carrying the signature. */
    public static final String HTTP_HEADER = "Keyrenewal-Signature";

    private static final Set<String> ALLOWED_HEADER_FIELDS = Set.of("alg", "kid", "typ");
    private static final int ES256_SIGNATURE_BYTES = 64;

    private ConfirmationSignatures() {
    }

    /** Signs {@code payload} with the partner's private key (EC P-256 gives ES256, RSA gives RS256). */
    public static String sign(byte[] payload, String kid, PrivateKey key) {
        try {
            boolean ec = key instanceof ECPrivateKey;
            // the key's size is judged where it is registered (ConfirmationKey), not here: any RSA key signs, as ever
            JWSSigner signer = ec ? new ECDSASigner((ECPrivateKey) key)
                    : new RSASSASigner(key, Set.of(AllowWeakRSAKey.getInstance()));
            JWSObject jws = new JWSObject(header(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256, kid),
                    new Payload(payload));
            jws.sign(signer);
            return jws.serialize(true);
        } catch (JOSEException | ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot sign with this " + key.getAlgorithm() + " key: "
                    + e.getMessage(), e);
        }
    }

    // written as ever, alg before kid, so an RS256 signature stays the same text: Nimbus's own header puts kid first
    private static JWSHeader header(JWSAlgorithm algorithm, String kid) throws ParseException {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("alg", algorithm.getName());
        header.put("kid", kid);
        return JWSHeader.parse(Base64URL.encode(ContractJson.write(header)));
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
        Base64URL[] parts = parts(jws);
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
        // Nimbus takes a signature of another length as not matching; a DER-encoded one is a common mistake to name
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
            JWSVerifier verifier = key instanceof ECPublicKey ec ? new ECDSAVerifier(ec)
                    : new RSASSAVerifier((RSAPublicKey) key);
            if (!new JWSObject(parts[0], new Payload(payload), parts[2]).verify(verifier)) {
                throw new InvalidSignature("the signature does not match the confirmation and key '" + kid + "'");
            }
        } catch (JOSEException | ParseException e) {
            throw new InvalidSignature("the signature cannot be checked: " + e.getMessage());
        }
        return kid;
    }

    private static Base64URL[] parts(String jws) {
        if (jws == null || jws.isBlank()) {
            throw new InvalidSignature("the confirmation is not signed (no " + RECORD_HEADER + " record header or "
                    + HTTP_HEADER + " HTTP header)");
        }
        Base64URL[] parts;
        try {
            parts = JOSEObject.split(jws.trim());
        } catch (ParseException e) {
            throw new InvalidSignature("the signature is not a compact JWS <header>..<signature>");
        }
        if (parts.length != 3 || parts[0].toString().isEmpty() || parts[2].toString().isEmpty()) {
            throw new InvalidSignature("the signature is not a compact JWS <header>..<signature>");
        }
        if (!parts[1].toString().isEmpty()) {
            throw new InvalidSignature("the signature must have a detached payload (<header>..<signature>)");
        }
        return parts;
    }

    // Nimbus reads the header too, but refuses a header outside this contract only later and in its own words
    private static JsonNode header(Base64URL encoded) {
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

    // the JDK's decoder, as Nimbus's Base64URL skips characters outside the alphabet instead of refusing them
    private static byte[] decode(Base64URL part, String what) {
        try {
            return Base64.getUrlDecoder().decode(part.toString());
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
