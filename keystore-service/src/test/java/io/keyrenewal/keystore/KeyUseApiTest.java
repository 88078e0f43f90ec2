package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys at work over HTTP: signing with the active key, decrypting with the old or the new one.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class KeyUseApiTest extends KeystoreServiceContext {

    @Test
    void signsWithTheActiveKeySoThatThePartnerVerifiesWithTheCertificate() throws Exception {
        byte[] payload = "<soap:Envelope>response</soap:Envelope>".getBytes(StandardCharsets.UTF_8);

        JsonNode signed = postJson("/keystore/aliases/oscorp-sign/sign",
                "{\"payload\":\"" + Base64.getEncoder().encodeToString(payload) + "\"}");

        X509Certificate certificate = parse(get("/keystore/entries/oscorp-sign/certificate").getBody());
        assertThat(signed.get("certificate").get("sha256").asText())
                .isEqualTo(Fingerprint.sha256Of(certificate.getEncoded()).value());
        Signature verifier = Signature.getInstance(signed.get("algorithm").asText());
        verifier.initVerify(certificate);
        verifier.update(payload);
        assertThat(verifier.verify(Base64.getDecoder().decode(signed.get("signature").asText()))).isTrue();
        verifier.initVerify(certificate);
        verifier.update("tampered".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(signed.get("signature").asText()))).isFalse();
    }

    @Test
    void decryptsWithTheOldAndTheNewKeyWhicheverTheMessageNamesDuringARenewal() throws Exception {
        RenewalStarted first = new RenewalStarted(RenewalId.random(), "cyberdyne-decrypt", new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.RSA_2048,
                Instant.now());
        awaitReports(publish(first), 1);
        X509Certificate old = parse(get("/keystore/entries/cyberdyne-decrypt/certificate").getBody());
        RenewalStarted second = new RenewalStarted(RenewalId.random(), "cyberdyne-decrypt", new PartnerId("acme"),
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.RSA_2048,
                Instant.now());
        awaitReports(publish(second), 1);
        X509Certificate fresh = parse(get("/keystore/entries/cyberdyne-decrypt/certificate").getBody());
        assertThat(fresh.getEncoded()).isNotEqualTo(old.getEncoded());

        byte[] sessionKey = "a-32-byte-aes-session-key-......".getBytes(StandardCharsets.UTF_8);
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.ENCRYPT_MODE, old.getPublicKey());
        JsonNode byIssuerSerial = postJson("/keystore/aliases/cyberdyne-decrypt/decrypt", "{\"keyIdentifier\":{"
                + "\"issuer\":\"" + old.getIssuerX500Principal().getName() + "\",\"serialNumber\":\""
                + old.getSerialNumber().toString(16) + "\"},\"algorithm\":\"RSA-OAEP\",\"ciphertext\":\""
                + Base64.getEncoder().encodeToString(oaep.doFinal(sessionKey)) + "\"}");
        assertThat(Base64.getDecoder().decode(byIssuerSerial.get("plaintext").asText())).isEqualTo(sessionKey);
        assertThat(byIssuerSerial.get("certificate").get("serialNumber").asText())
                .isEqualTo(old.getSerialNumber().toString(16));

        Cipher oaep256 = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep256.init(Cipher.ENCRYPT_MODE, fresh.getPublicKey(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        String sha1Thumbprint = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-1").digest(fresh.getEncoded()));
        JsonNode byThumbprint = postJson("/keystore/aliases/cyberdyne-decrypt/decrypt", "{\"keyIdentifier\":{"
                + "\"sha1\":\"" + sha1Thumbprint + "\"},\"algorithm\":\"RSA-OAEP-256\",\"ciphertext\":\""
                + Base64.getEncoder().encodeToString(oaep256.doFinal(sessionKey)) + "\"}");
        assertThat(Base64.getDecoder().decode(byThumbprint.get("plaintext").asText())).isEqualTo(sessionKey);

        Cipher pkcs1 = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        pkcs1.init(Cipher.ENCRYPT_MODE, old.getPublicKey());
        JsonNode bySha256 = postJson("/keystore/aliases/cyberdyne-decrypt/decrypt", "{\"keyIdentifier\":{"
                + "\"sha256\":\"" + Fingerprint.sha256Of(old.getEncoded()).value() + "\"},\"algorithm\":"
                + "\"RSA1_5\",\"ciphertext\":\"" + Base64.getEncoder().encodeToString(pkcs1.doFinal(sessionKey))
                + "\"}");
        assertThat(Base64.getDecoder().decode(bySha256.get("plaintext").asText())).isEqualTo(sessionKey);
    }

    @Test
    void refusesToDecryptWithAKeyTheAliasDoesNotHoldOrThatCannotDecrypt() throws Exception {
        X509Certificate ec = certificateInFile("oscorp-sign");
        String ciphertext = Base64.getEncoder().encodeToString(new byte[32]);

        ResponseEntity<String> unknown = post("/keystore/aliases/oscorp-sign/decrypt", "{\"keyIdentifier\":{"
                + "\"sha256\":\"" + "b".repeat(64) + "\"},\"ciphertext\":\"" + ciphertext + "\"}");
        ResponseEntity<String> notRsa = post("/keystore/aliases/oscorp-sign/decrypt", "{\"keyIdentifier\":{"
                + "\"sha256\":\"" + Fingerprint.sha256Of(ec.getEncoded()).value() + "\"},\"ciphertext\":\""
                + ciphertext + "\"}");

        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(notRsa.getStatusCode().value()).isEqualTo(422);
        assertThat(notRsa.getBody()).contains("decryption needs an RSA key pair");
    }
}
