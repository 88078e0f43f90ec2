package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.renewal.Playbook;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import javax.security.auth.x500.X500Principal;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entries' public details over HTTP: certificate, chain and certification request as PEM.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class KeystoreEntriesApiTest extends KeystoreServiceContext {

    @Test
    void servesEveryEntrysPublicDetailsAndItsCertificateAsPem() throws Exception {
        ResponseEntity<String> listing = get("/keystore/entries");
        assertThat(listing.getStatusCode().value()).isEqualTo(200);
        JsonNode entry = entryFromApi("wayne-decrypt");
        X509Certificate inFile = certificateInFile("wayne-decrypt");

        assertThat(entry.get("entryName").asText()).isEqualTo("wayne-decrypt");
        assertThat(entry.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(entry.get("sha256").asText()).isEqualTo(Fingerprint.sha256Of(inFile.getEncoded()).value());
        assertThat(entry.get("subject").asText()).isEqualTo("CN=wayne-decrypt,O=keyrenewal");
        assertThat(entry.get("issuer").asText()).isEqualTo("CN=wayne-decrypt,O=keyrenewal");
        assertThat(entry.get("serialNumber").asText()).isEqualTo(inFile.getSerialNumber().toString(16));
        assertThat(Instant.parse(entry.get("notAfter").asText())).isEqualTo(inFile.getNotAfter().toInstant());
        assertThat(entry.get("keyAlgorithm").asText()).isEqualTo("EC_P256");
        assertThat(entry.get("sha1").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-1").digest(inFile.getEncoded())));
        byte[] skiExtension = inFile.getExtensionValue("2.5.29.14");
        assertThat(HexFormat.of().formatHex(skiExtension)).endsWith(entry.get("subjectKeyIdentifier").asText());
        assertThat(entry.get("subjectKeyIdentifier").asText()).hasSize(40);
        assertThat(entry.get("retainedUntil").isNull()).isTrue();

        ResponseEntity<String> pem = get("/keystore/entries/wayne-decrypt/certificate");
        assertThat(pem.getStatusCode().value()).isEqualTo(200);
        assertThat(pem.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/x-pem-file");
        assertThat(parse(pem.getBody()).getEncoded()).isEqualTo(inFile.getEncoded());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(inFile.getEncoded()));
        ResponseEntity<String> bySha256 = get("/keystore/entries/" + sha256 + "/certificate");
        assertThat(bySha256.getStatusCode().value()).as("by its SHA-256, as /history").isEqualTo(200);
        assertThat(parse(bySha256.getBody()).getEncoded()).isEqualTo(inFile.getEncoded());
        assertThat(get("/keystore/entries/" + "0".repeat(64) + "/certificate").getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void answersAnUnknownEntryWithANotFoundProblem() throws Exception {
        ResponseEntity<String> response = get("/keystore/entries/nobody.retained.1f/certificate");

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        assertThat(ContractJson.mapper().readTree(response.getBody()).get("detail").asText())
                .contains("nobody.retained.1f");
    }

    @Test
    void servesACertificationRequestForAStagedKeyAndTheChainOfAnEntryAsPem() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("tyrell-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        String stagedEntry = "tyrell-sign.staged." + generated.certificate().serialNumber();
        X509Certificate staged = parse(generated.certificate().pem());

        ResponseEntity<String> csr = get("/keystore/entries/" + stagedEntry + "/csr");

        assertThat(csr.getStatusCode().value()).isEqualTo(200);
        assertThat(csr.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/x-pem-file");
        assertThat(csr.getBody()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        String body = csr.getBody().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(Base64.getDecoder().decode(body));
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(staged.getPublicKey())))
                .isTrue();
        assertThat(new JcaPKCS10CertificationRequest(request).getPublicKey()).isEqualTo(staged.getPublicKey());
        assertThat(new X500Principal(request.getSubject().getEncoded())).isEqualTo(staged.getSubjectX500Principal());

        ResponseEntity<String> chain = get("/keystore/entries/tyrell-sign/chain");
        assertThat(chain.getStatusCode().value()).isEqualTo(200);
        assertThat(parse(chain.getBody()).getEncoded()).isEqualTo(certificateInFile("tyrell-sign").getEncoded());
        assertThat(get("/keystore/entries/tyrell-sign.retained.1f/csr").getStatusCode().value()).isEqualTo(404);
        assertThat(get("/keystore/entries/tyrell-sign.retained.1f/chain").getStatusCode().value()).isEqualTo(404);
    }
}
