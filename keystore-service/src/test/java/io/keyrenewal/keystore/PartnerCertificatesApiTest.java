package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import io.keyrenewal.keystore.store.EntryQuery;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.TenantKeystore;
import io.keyrenewal.testsupport.ApiDescriptionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner's certificates over the keystore's API, in the service's shared test context: imported with their checks,
 * switched to, retained and removed by the tenant administrator; verifying what the partner's real private key signed
 * and encrypting what only it decrypts, with the old and the new certificate during a renewal; listed with their
 * type; every refusal readable, no private key in any answer or log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class PartnerCertificatesApiTest extends KeystoreServiceContext {

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    private static final String AUDITOR = basic("keystore-auditor");
    private static final String FLOW = basic("keystore-flow");
    private static final Instant NOW = Instant.now();
    private static final TestCertificateAuthority ACME_CA = TestCertificateAuthority.root("CN=Acme CA,O=Acme AG", NOW);

    @Autowired
    TenantKeystore keystore;
    @Autowired
    SelfSignedKeyPairIssuer issuer;

    @Test
    void importsSwitchesAndRetainsThePartnersCertificatesThatVerifyAndEncryptOldAndNew() throws Exception {
        KeyPair oldKeys = TestCertificateAuthority.rsaKeys(2048);
        KeyPair newKeys = TestCertificateAuthority.rsaKeys(3072);
        X509Certificate old = partnerCertificate(oldKeys, Duration.ofDays(365));
        X509Certificate fresh = partnerCertificate(newKeys, Duration.ofDays(730));

        JsonNode first = ok(post("/keystore/aliases/pc-acme/partner-certificates?activate=true", pem(old), PEM, LOGIN));
        assertThat(first.get("imported").asBoolean()).isTrue();
        JsonNode entry = first.get("entry");
        assertThat(entry.get("entryName").asText()).isEqualTo("pc-acme");
        assertThat(entry.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(entry.get("entryType").asText()).isEqualTo("PARTNER_CERTIFICATE");
        assertThat(entry.get("sha256").asText()).isEqualTo(sha256(old));
        assertThat(entry.get("serialNumber").asText()).isEqualTo(old.getSerialNumber().toString(16));
        assertThat(entry.get("subject").asText()).isEqualTo("CN=acme-signer,O=Acme AG");
        assertThat(entry.get("issuer").asText()).isEqualTo("CN=Acme CA,O=Acme AG");
        assertThat(Instant.parse(entry.get("notAfter").asText())).isEqualTo(old.getNotAfter().toInstant());
        assertThat(first.get("switched").get("archived").isNull()).isTrue();
        assertIndexShowsTheKeys("pc-acme", 1);
        JsonNode again = ok(post("/keystore/aliases/pc-acme/partner-certificates?activate=true", pem(old), PEM,
                LOGIN));
        assertThat(again.get("imported").asBoolean()).as("the same certificate again").isFalse();
        assertThat(again.get("entry")).isEqualTo(entry);

        JsonNode staged = ok(post("/keystore/aliases/pc-acme/partner-certificates", pem(fresh), PEM, LOGIN));
        assertThat(staged.get("entry").get("state").asText()).isEqualTo("STAGED");
        assertThat(staged.get("entry").get("keyAlgorithm").asText()).isEqualTo("RSA_3072");
        assertIndexShowsTheKeys("pc-acme", 2);

        byte[] payload = "<soap:Envelope>request</soap:Envelope>".getBytes(StandardCharsets.UTF_8);
        JsonNode byActive = verify("pc-acme", null, payload, sign(oldKeys, payload));
        assertThat(byActive.get("valid").asBoolean()).isTrue();
        assertThat(byActive.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(byActive.get("algorithm").asText()).isEqualTo("SHA256withRSA");
        assertThat(verify("pc-acme", null, payload, sign(newKeys, payload)).get("valid").asBoolean())
                .as("the new key's signature, checked with the active (old) certificate").isFalse();
        JsonNode byNew = verify("pc-acme", "{\"sha256\":\"" + sha256(fresh) + "\"}", payload, sign(newKeys, payload));
        assertThat(byNew.get("valid").asBoolean()).isTrue();
        assertThat(byNew.get("state").asText()).isEqualTo("STAGED");
        assertThat(verify("pc-acme", null, "tampered".getBytes(StandardCharsets.UTF_8), sign(oldKeys, payload))
                .get("valid").asBoolean()).isFalse();

        byte[] sessionKey = "a-32-byte-aes-session-key-......".getBytes(StandardCharsets.UTF_8);
        JsonNode toActive = ok(post("/keystore/aliases/pc-acme/encrypt", "{\"plaintext\":\""
                + base64(sessionKey) + "\"}", MediaType.APPLICATION_JSON, FLOW));
        assertThat(toActive.get("algorithm").asText()).isEqualTo("RSA-OAEP");
        assertThat(toActive.get("certificate").get("sha256").asText()).isEqualTo(sha256(old));
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.DECRYPT_MODE, oldKeys.getPrivate());
        assertThat(oaep.doFinal(bytes(toActive.get("ciphertext")))).isEqualTo(sessionKey);
        JsonNode toNew = ok(post("/keystore/aliases/pc-acme/encrypt", "{\"keyIdentifier\":{\"issuer\":\""
                + fresh.getIssuerX500Principal().getName() + "\",\"serialNumber\":\""
                + fresh.getSerialNumber().toString(16) + "\"},\"algorithm\":\"RSA-OAEP-256\",\"plaintext\":\""
                + base64(sessionKey) + "\"}", MediaType.APPLICATION_JSON, FLOW));
        Cipher oaep256 = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep256.init(Cipher.DECRYPT_MODE, newKeys.getPrivate(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        assertThat(oaep256.doFinal(bytes(toNew.get("ciphertext")))).isEqualTo(sessionKey);

        Instant before = Instant.now();
        JsonNode switched = ok(post("/keystore/aliases/pc-acme/partner-certificates/" + sha256(fresh)
                + "/activate?guaranteedDeliveryTime=P120D", null, null, LOGIN));
        assertThat(switched.get("activated").get("sha256").asText()).isEqualTo(sha256(fresh));
        assertThat(switched.get("archived").get("sha256").asText()).isEqualTo(sha256(old));
        assertThat(Instant.parse(switched.get("archivedUntil").asText()))
                .isBetween(before.plus(Duration.ofDays(120)), Instant.now().plus(Duration.ofDays(120)));
        assertIndexShowsTheKeys("pc-acme", 2);
        assertThat(ok(post("/keystore/aliases/pc-acme/partner-certificates/" + sha256(fresh) + "/activate", null,
                null, LOGIN))).as("switched already: answered as before").isEqualTo(switched);
        JsonNode byOld = verify("pc-acme", "{\"sha256\":\"" + sha256(old) + "\"}", payload, sign(oldKeys, payload));
        assertThat(byOld.get("valid").asBoolean()).as("the old certificate still verifies when named").isTrue();
        assertThat(byOld.get("state").asText()).isEqualTo("ARCHIVED");
        assertThat(verify("pc-acme", null, payload, sign(newKeys, payload)).get("valid").asBoolean()).isTrue();

        ResponseEntity<String> early = delete("/keystore/aliases/pc-acme/partner-certificates/" + sha256(old), LOGIN);
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(json(early).get("detail").asText()).contains("retention not elapsed until "
                + switched.get("archivedUntil").asText());
        ResponseEntity<String> active = delete("/keystore/aliases/pc-acme/partner-certificates/" + sha256(fresh),
                LOGIN);
        assertThat(active.getStatusCode().value()).isEqualTo(409);
        assertThat(json(active).get("detail").asText()).contains("is the current partner certificate");
        assertIndexShowsTheKeys("pc-acme", 2);

        X509Certificate neverUsed = partnerCertificate(TestCertificateAuthority.ecKeys("secp256r1"),
                Duration.ofDays(365));
        ok(post("/keystore/aliases/pc-acme/partner-certificates", pem(neverUsed), PEM, LOGIN));
        JsonNode discarded = ok(delete("/keystore/aliases/pc-acme/partner-certificates/" + sha256(neverUsed), LOGIN));
        assertThat(discarded.get("removed").get("state").asText()).isEqualTo("STAGED");
        assertThat(delete("/keystore/aliases/pc-acme/partner-certificates/" + sha256(neverUsed), LOGIN)
                .getStatusCode().value()).isEqualTo(404);
        assertIndexShowsTheKeys("pc-acme", 2);

        JsonNode listed = json(get("/keystore/entries?alias=pc-acme"));
        assertThat(listed).extracting(node -> node.get("entryName").asText() + " " + node.get("state").asText()
                        + " " + node.get("entryType").asText())
                .containsExactly("pc-acme ACTIVE PARTNER_CERTIFICATE", "pc-acme.retained."
                        + old.getSerialNumber().toString(16) + " ARCHIVED PARTNER_CERTIFICATE");
        assertThat(get("/keystore/entries/pc-acme/certificate").getBody()).isEqualTo(pem(fresh));
        assertThat(get("/keystore/entries/" + sha256(old) + "/certificate", AUDITOR).getBody()).isEqualTo(pem(old));
        assertThat(get("/keystore/entries/pc-acme/chain").getBody()).isEqualTo(pem(fresh));
        assertThat(json(get("/keystore/entries/" + sha256(old) + "/history", AUDITOR)))
                .extracting(change -> change.get("kind").asText() + " " + change.get("state").asText() + " "
                        + change.get("entryType").asText())
                .containsExactly("PARTNER_CERTIFICATE_ADDED STAGED PARTNER_CERTIFICATE",
                        "EXCHANGED_IN ACTIVE PARTNER_CERTIFICATE", "ARCHIVED ARCHIVED PARTNER_CERTIFICATE");
        assertThat(json(get("/keystore/entries/" + sha256(neverUsed) + "/history")))
                .extracting(change -> change.get("kind").asText()).containsExactly("PARTNER_CERTIFICATE_ADDED",
                        "DISCARDED");
        assertThat(json(get("/keystore/entries?alias=acme-sign")).get(0).get("entryType").asText())
                .isEqualTo("KEY_PAIR");
    }

    @Test
    void refusesACertificateThatFailsACheckWithTheReasonAndChangesNothing() throws Exception {
        KeyPair keys = TestCertificateAuthority.rsaKeys(2048);
        X509Certificate good = partnerCertificate(keys, Duration.ofDays(365));
        List<String[]> refused = List.of(
                new String[]{"hello", "no PEM certificate"},
                new String[]{pem(ACME_CA.issue("CN=acme-signer", keys.getPublic(), NOW.minus(Duration.ofDays(400)),
                        NOW.minusSeconds(60))), "expired on"},
                new String[]{pem(partnerCertificate(keys, Duration.ofDays(29))), "less than the minimum of 30 days"},
                new String[]{pem(partnerCertificate(TestCertificateAuthority.rsaKeys(1024), Duration.ofDays(365))),
                        "RSA key of 1024 bits: at least 2048 are required"},
                new String[]{pem(partnerCertificate(TestCertificateAuthority.ecKeys("secp521r1"),
                        Duration.ofDays(365))), "EC key on curve P-521"},
                new String[]{pem(ACME_CA.certificate()), "is a CA certificate"},
                new String[]{pem(good) + pem(ACME_CA.certificate()), "2 certificates"});
        for (String[] refusal : refused) {
            ResponseEntity<String> answer = post("/keystore/aliases/pc-refused/partner-certificates", refusal[0], PEM,
                    LOGIN);
            assertThat(answer.getStatusCode().value()).as(refusal[1]).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(json(answer).get("title").asText()).isEqualTo("Invalid partner certificate");
            assertThat(json(answer).get("detail").asText()).contains(refusal[1]);
        }
        assertThat(keystore.entriesOf(KeystoreAlias.of("pc-refused"))).isEmpty();
        assertThat(json(get("/keystore/entries?alias=pc-refused"))).isEmpty();

        KeystoreAlias tenants = KeystoreAlias.of("pc-tenant-sign");
        keystore.install(tenants, issuer.issue(tenants.value(), KeyAlgorithm.EC_P256));
        ResponseEntity<String> mixed = post("/keystore/aliases/pc-tenant-sign/partner-certificates", pem(good), PEM,
                LOGIN);
        assertThat(mixed.getStatusCode().value()).isEqualTo(409);
        assertThat(json(mixed).get("detail").asText()).isEqualTo("alias 'pc-tenant-sign' holds key pairs, not partner"
                + " certificates: an alias never mixes key pairs and partner certificates");
        assertThat(json(get("/keystore/entries?alias=pc-tenant-sign"))).hasSize(1);

        assertThat(post("/keystore/aliases/pc-refused/partner-certificates?activate=true&guaranteedDeliveryTime=30d",
                pem(good), PEM, LOGIN).getStatusCode().value()).isEqualTo(400);
        assertThat(post("/keystore/aliases/pc-refused/partner-certificates/not-a-sha/activate", null, null, LOGIN)
                .getStatusCode().value()).isEqualTo(400);
        ResponseEntity<String> notStaged = post("/keystore/aliases/pc-refused/partner-certificates/" + sha256(good)
                + "/activate", null, null, LOGIN);
        assertThat(notStaged.getStatusCode().value()).isEqualTo(409);
        assertThat(json(notStaged).get("detail").asText()).contains("holds no staged partner certificate");
        assertThat(post("/keystore/aliases/Not%20An%20Alias/partner-certificates", pem(good), PEM, LOGIN)
                .getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void refusesAPrivateKeyInTheInputAndNeverShowsOrLogsIt(CapturedOutput output) throws Exception {
        KeyPair keys = TestCertificateAuthority.rsaKeys(2048);
        String privateKey = TestCertificateAuthority.privateKeyPem(keys);

        ResponseEntity<String> refused = post("/keystore/aliases/pc-leaked/partner-certificates",
                pem(partnerCertificate(keys, Duration.ofDays(365))) + privateKey, PEM, LOGIN);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(json(refused).get("detail").asText()).startsWith("the input holds a private key, which the"
                + " keystore never takes from a partner");
        assertThat(keystore.entriesOf(KeystoreAlias.of("pc-leaked"))).isEmpty();
        String body = privateKey.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        List<String> shown = new ArrayList<>(apiResponses);
        shown.add(output.getAll());
        for (String text : shown) {
            assertThat(text).doesNotContain("PRIVATE KEY").doesNotContain(body.substring(0, 64))
                    .doesNotContain(body.substring(body.length() - 64));
        }
    }

    @Test
    void usesAndChangesPartnerCertificatesOnlyWithTheRolesThatMayAndOnlyOnAliasesOfPartnerCertificates()
            throws Exception {
        KeyPair ecKeys = TestCertificateAuthority.ecKeys("secp384r1");
        X509Certificate ec = partnerCertificate(ecKeys, Duration.ofDays(365));
        String imports = "/keystore/aliases/pc-ec/partner-certificates";
        String verify = "{\"payload\":\"aGVsbG8=\",\"signature\":\"aGVsbG8=\"}";

        for (String login : List.of(AUDITOR, FLOW)) {
            assertThat(post(imports, pem(ec), PEM, login).getStatusCode().value()).isEqualTo(403);
            assertThat(post(imports + "/" + sha256(ec) + "/activate", null, null, login).getStatusCode().value())
                    .isEqualTo(403);
            assertThat(delete(imports + "/" + sha256(ec), login).getStatusCode().value()).isEqualTo(403);
        }
        assertThat(post("/keystore/aliases/pc-ec/verify", verify, MediaType.APPLICATION_JSON, AUDITOR)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post("/keystore/aliases/pc-ec/encrypt", "{}", MediaType.APPLICATION_JSON, AUDITOR)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post(imports, pem(ec), PEM, null).getStatusCode().value()).isEqualTo(401);
        assertThat(get("/keystore/entries?alias=pc-ec", FLOW).getStatusCode().value()).isEqualTo(403);

        ok(post(imports + "?activate=true", pem(ec), PEM, LOGIN));
        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA384withECDSA");
        signer.initSign(ecKeys.getPrivate());
        signer.update(payload);
        JsonNode verified = verify("pc-ec", null, payload, signer.sign());
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("algorithm").asText()).isEqualTo("SHA384withECDSA");
        assertThat(verify("pc-ec", null, payload, "not a DER signature".getBytes(StandardCharsets.UTF_8))
                .get("valid").asBoolean()).isFalse();

        ResponseEntity<String> encryptToEc = post("/keystore/aliases/pc-ec/encrypt", "{\"plaintext\":\"aGVsbG8=\"}",
                MediaType.APPLICATION_JSON, FLOW);
        assertThat(encryptToEc.getStatusCode().value()).isEqualTo(422);
        assertThat(json(encryptToEc).get("detail").asText()).contains("is EC_P384: encryption needs an RSA"
                + " certificate");
        ResponseEntity<String> md5 = post("/keystore/aliases/pc-ec/verify", "{\"algorithm\":\"MD5withRSA\","
                + "\"payload\":\"aGVsbG8=\",\"signature\":\"aGVsbG8=\"}", MediaType.APPLICATION_JSON, FLOW);
        assertThat(md5.getStatusCode().value()).isEqualTo(422);
        assertThat(json(md5).get("detail").asText()).contains("unknown signature algorithm 'MD5withRSA'");
        assertThat(post("/keystore/aliases/pc-ec/verify", "{\"algorithm\":\"SHA256withRSA\",\"payload\":"
                + "\"aGVsbG8=\",\"signature\":\"aGVsbG8=\"}", MediaType.APPLICATION_JSON, FLOW)
                .getStatusCode().value()).as("an RSA algorithm for an EC certificate").isEqualTo(422);
        assertThat(post("/keystore/aliases/pc-ec/verify", "{\"payload\":\"aGVsbG8=\"}", MediaType.APPLICATION_JSON,
                FLOW).getStatusCode().value()).isEqualTo(400);

        ResponseEntity<String> unknown = post("/keystore/aliases/pc-ec/verify", "{\"keyIdentifier\":{\"sha256\":\""
                + "b".repeat(64) + "\"},\"payload\":\"aGVsbG8=\",\"signature\":\"aGVsbG8=\"}",
                MediaType.APPLICATION_JSON, FLOW);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        ResponseEntity<String> ofKeyPairs = post("/keystore/aliases/acme-sign/verify", verify,
                MediaType.APPLICATION_JSON, FLOW);
        assertThat(ofKeyPairs.getStatusCode().value()).isEqualTo(404);
        assertThat(json(ofKeyPairs).get("detail").asText()).isEqualTo("alias 'acme-sign' has no active partner"
                + " certificate");
        ResponseEntity<String> signWithPartners = post("/keystore/aliases/pc-ec/sign", "{\"payload\":\"aGVsbG8=\"}",
                MediaType.APPLICATION_JSON, FLOW);
        assertThat(signWithPartners.getStatusCode().value()).as("no private key to sign with").isEqualTo(404);
        assertThat(post("/keystore/aliases/pc-ec/decrypt", "{\"keyIdentifier\":{\"sha256\":\"" + sha256(ec)
                + "\"},\"ciphertext\":\"aGVsbG8=\"}", MediaType.APPLICATION_JSON, FLOW).getStatusCode().value())
                .isEqualTo(404);

        ApiDescriptionCheck description = new ApiDescriptionCheck("http://127.0.0.1:" + port);
        assertThat(description.roles("POST /keystore/aliases/{alias}/verify")).containsExactly("INTEGRATION_FLOW");
        assertThat(description.roles("POST /keystore/aliases/{alias}/encrypt")).containsExactly("INTEGRATION_FLOW");
        assertThat(description.roles("POST /keystore/aliases/{alias}/partner-certificates"))
                .containsExactly("TENANT_ADMIN");
        assertThat(description.roles("DELETE /keystore/aliases/{alias}/partner-certificates/{sha256}"))
                .containsExactly("TENANT_ADMIN");
    }

    /** The entry index lists exactly what the alias's keys hold. */
    private void assertIndexShowsTheKeys(String alias, int entries) {
        KeystoreAlias named = KeystoreAlias.of(alias);
        List<KeystoreEntry> keys = keystore.entriesOf(named);
        assertThat(keys).hasSize(entries);
        assertThat(keystore.entries(new EntryQuery(named, null, 0, EntryQuery.MAX_SIZE)).entries())
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    private JsonNode verify(String alias, String keyIdentifier, byte[] payload, byte[] signature) throws Exception {
        return ok(post("/keystore/aliases/" + alias + "/verify", "{\"keyIdentifier\":" + keyIdentifier
                + ",\"payload\":\"" + base64(payload) + "\",\"signature\":\"" + base64(signature) + "\"}",
                MediaType.APPLICATION_JSON, FLOW));
    }

    private static byte[] sign(KeyPair keys, byte[] payload) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(payload);
        return signer.sign();
    }

    private static X509Certificate partnerCertificate(KeyPair keys, Duration validFor) {
        return ACME_CA.issue("CN=acme-signer,O=Acme AG", keys.getPublic(), NOW.minusSeconds(60), NOW.plus(validFor));
    }

    private static JsonNode ok(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json(response);
    }

    private static JsonNode json(ResponseEntity<String> response) throws Exception {
        return ContractJson.mapper().readTree(response.getBody());
    }

    private static String pem(X509Certificate certificate) {
        return TestCertificateAuthority.pem(certificate);
    }

    private static String sha256(X509Certificate certificate) throws Exception {
        return Fingerprint.sha256Of(certificate.getEncoded()).value();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] bytes(JsonNode base64) {
        return Base64.getDecoder().decode(base64.asText());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":keystore-test").getBytes(StandardCharsets.UTF_8));
    }
}
