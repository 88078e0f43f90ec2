package io.keyrenewal.contracts.partner;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import io.keyrenewal.contracts.partner.ConfirmationSignatures.InvalidSignature;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfirmationSignaturesTest {

    static final byte[] BODY = ("{\"confirmationId\":\"c-1\",\"renewalId\":\"r-1\",\"partnerId\":\"acme\","
            + "\"type\":\"SWITCHED_TO_NEW_KEY\",\"confirmedAt\":\"2026-11-22T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8);

    static final KeyPair EC = generate("EC", new ECGenParameterSpec("secp256r1"));
    static final KeyPair RSA = generateRsa(2048);

    @Test
    void anEs256SignatureVerifiesWithTheRegisteredKey() {
        String jws = ConfirmationSignatures.sign(BODY, "acme-2026", EC.getPrivate());

        assertThat(jws).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
        assertThat(ConfirmationSignatures.keyId(jws)).isEqualTo("acme-2026");
        assertThat(ConfirmationSignatures.verify(jws, BODY, registered("acme-2026", SignatureAlgorithm.ES256, EC)))
                .isEqualTo("acme-2026");
    }

    @Test
    void anRs256SignatureVerifiesWithTheRegisteredKey() {
        String jws = ConfirmationSignatures.sign(BODY, "acme-rsa", RSA.getPrivate());

        assertThat(ConfirmationSignatures.verify(jws, BODY, registered("acme-rsa", SignatureAlgorithm.RS256, RSA)))
                .isEqualTo("acme-rsa");
    }

    @Test
    void aStandardJoseLibraryReadsOurSignaturesAndWeReadItsOnes() throws Exception {
        String ours = ConfirmationSignatures.sign(BODY, "acme-2026", EC.getPrivate());
        assertThat(JWSObject.parse(ours, new Payload(BODY)).verify(new ECDSAVerifier((ECPublicKey) EC.getPublic())))
                .isTrue();
        String oursRsa = ConfirmationSignatures.sign(BODY, "acme-rsa", RSA.getPrivate());
        assertThat(JWSObject.parse(oursRsa, new Payload(BODY))
                .verify(new RSASSAVerifier((RSAPublicKey) RSA.getPublic()))).isTrue();

        JWSObject theirs = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("acme-2026").build(),
                new Payload(BODY));
        theirs.sign(new ECDSASigner((ECPrivateKey) EC.getPrivate()));
        assertThat(ConfirmationSignatures.verify(theirs.serialize(true), BODY,
                registered("acme-2026", SignatureAlgorithm.ES256, EC))).isEqualTo("acme-2026");
    }

    @Test
    void aChangedBodyOrAnotherKeyDoesNotVerify() {
        String jws = ConfirmationSignatures.sign(BODY, "acme-2026", EC.getPrivate());
        byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("c-1", "c-2")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ConfirmationSignatures.verify(jws, changed,
                registered("acme-2026", SignatureAlgorithm.ES256, EC)))
                .isInstanceOf(InvalidSignature.class).hasMessageContaining("does not match");
        KeyPair other = generate("EC", new ECGenParameterSpec("secp256r1"));
        assertThatThrownBy(() -> ConfirmationSignatures.verify(jws, BODY,
                registered("acme-2026", SignatureAlgorithm.ES256, other)))
                .isInstanceOf(InvalidSignature.class).hasMessageContaining("does not match");
    }

    @Test
    void anUnknownKeyIdOrAnotherAlgorithmThanRegisteredIsRefused() {
        String jws = ConfirmationSignatures.sign(BODY, "acme-2026", EC.getPrivate());

        assertThatThrownBy(() -> ConfirmationSignatures.verify(jws, BODY, kid -> Optional.empty()))
                .isInstanceOf(InvalidSignature.class).hasMessageContaining("'acme-2026' is not registered");
        String rsaSigned = ConfirmationSignatures.sign(BODY, "acme-2026", RSA.getPrivate());
        assertThatThrownBy(() -> ConfirmationSignatures.verify(rsaSigned, BODY,
                registered("acme-2026", SignatureAlgorithm.ES256, EC)))
                .isInstanceOf(InvalidSignature.class).hasMessageContaining("registered for ES256");
    }

    @Test
    void missingOrMalformedSignaturesAreRefusedWithTheReason() {
        var keys = registered("acme-2026", SignatureAlgorithm.ES256, EC);
        String jws = ConfirmationSignatures.sign(BODY, "acme-2026", EC.getPrivate());
        String header = jws.substring(0, jws.indexOf('.'));
        String signature = jws.substring(jws.lastIndexOf('.') + 1);
        String embedded = header + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(BODY) + "." + signature;
        String none = b64("{\"alg\":\"none\",\"kid\":\"acme-2026\"}") + ".." + signature;
        String crit = b64("{\"alg\":\"ES256\",\"kid\":\"acme-2026\",\"b64\":false,\"crit\":[\"b64\"]}") + ".."
                + signature;

        assertThatThrownBy(() -> ConfirmationSignatures.verify(null, BODY, keys)).hasMessageContaining("not signed");
        assertThatThrownBy(() -> ConfirmationSignatures.verify("abc", BODY, keys))
                .hasMessageContaining("not a compact JWS");
        assertThatThrownBy(() -> ConfirmationSignatures.verify(embedded, BODY, keys))
                .hasMessageContaining("detached payload");
        assertThatThrownBy(() -> ConfirmationSignatures.verify(none, BODY, keys))
                .hasMessageContaining("ES256 or RS256, not 'none'");
        assertThatThrownBy(() -> ConfirmationSignatures.verify(crit, BODY, keys))
                .hasMessageContaining("only alg, kid and typ");
        assertThatThrownBy(() -> ConfirmationSignatures.verify(header + "..!!", BODY, keys))
                .hasMessageContaining("not base64url");
    }

    @Test
    void registeredKeysMustSuitTheirAlgorithm() {
        KeyPair p384 = generate("EC", new ECGenParameterSpec("secp384r1"));
        KeyPair smallRsa = generateRsa(1024);

        assertThat(key("k", SignatureAlgorithm.ES256, EC).toPublicKey()).isEqualTo(EC.getPublic());
        assertThatThrownBy(() -> key("k", SignatureAlgorithm.ES256, p384).toPublicKey())
                .hasMessageContaining("curve P-256");
        assertThatThrownBy(() -> key("k", SignatureAlgorithm.RS256, smallRsa).toPublicKey())
                .hasMessageContaining("at least 2048 bits");
        assertThatThrownBy(() -> key("k", SignatureAlgorithm.RS256, EC).toPublicKey())
                .hasMessageContaining("not a readable RSA public key");
        assertThatThrownBy(() -> new ConfirmationKey("k", SignatureAlgorithm.ES256, "hello").toPublicKey())
                .hasMessageContaining("one PEM");
    }

    static java.util.function.Function<String, Optional<ConfirmationKey>> registered(String kid,
                                                                                   SignatureAlgorithm algorithm,
                                                                                   KeyPair pair) {
        ConfirmationKey key = key(kid, algorithm, pair);
        return id -> id.equals(kid) ? Optional.of(key) : Optional.empty();
    }

    static ConfirmationKey key(String kid, SignatureAlgorithm algorithm, KeyPair pair) {
        return new ConfirmationKey(kid, algorithm, ConfirmationKey.pem(pair.getPublic()));
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair generateRsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
