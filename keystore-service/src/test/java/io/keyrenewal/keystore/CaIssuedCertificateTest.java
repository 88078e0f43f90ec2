package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.keystore.CertificateSigningRequested;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import javax.security.auth.x500.X500Principal;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A renewal whose certificate a CA issues: the certification request reported, the CA's chain imported, checked or
 * refused.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class CaIssuedCertificateTest extends KeystoreServiceContext {

    @Test
    void requestsACaCertificateForTheStagedKeyAndReportsTheKeyPairOnceTheCasChainIsImported() throws Exception {
        X509Certificate active = certificateInFile("acme-ca-sign");
        RenewalStarted started = caRenewal("acme-ca-sign", Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        String startId = publish(started);

        CertificateSigningRequested requested = (CertificateSigningRequested) awaitReports(startId, 1).get(0);

        assertThat(requested.subject()).isEqualTo("CN=acme-ca-sign,O=Tenant AG,C=CH");
        PKCS10CertificationRequest request = certificationRequest(requested.certificateSigningRequest());
        PublicKey requestedKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(requestedKey))).isTrue();
        assertThat(Fingerprint.sha256Of(requestedKey.getEncoded())).isEqualTo(requested.publicKeySha256());
        assertThat(new X500Principal(request.getSubject().getEncoded()).getName()).isEqualTo(requested.subject());
        ResponseEntity<String> awaited = get("/keystore/entries/acme-ca-sign/staged/csr");
        assertThat(awaited.getBody()).isEqualTo(requested.certificateSigningRequest());
        assertThat(awaited.getHeaders().getFirst("X-Renewal-Id")).isEqualTo(started.renewalId().value());
        assertThat(certificateInFile("acme-ca-sign").getEncoded()).as("the active key stays active")
                .isEqualTo(active.getEncoded());

        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Tenant Root CA,O=Tenant AG", now);
        TestCertificateAuthority issuing = root.intermediate("CN=Tenant Issuing CA,O=Tenant AG", now);
        X509Certificate leaf = issuing.issueFor(requested.certificateSigningRequest(), now);
        String chain = TestCertificateAuthority.pem(root.certificate(), leaf, issuing.certificate());
        JsonNode imported = postPem("/keystore/entries/acme-ca-sign/staged/certificate-chain", chain, 200);

        String entryName = "acme-ca-sign.staged." + leaf.getSerialNumber().toString(16);
        assertThat(imported.get("imported").asBoolean()).isTrue();
        assertThat(imported.get("chainLength").asInt()).isEqualTo(3);
        assertThat(imported.get("renewalId").asText()).isEqualTo(started.renewalId().value());
        assertThat(imported.at("/entry/entryName").asText()).isEqualTo(entryName);
        assertThat(imported.at("/entry/state").asText()).isEqualTo("STAGED");
        assertThat(imported.at("/entry/issuer").asText()).isEqualTo("CN=Tenant Issuing CA,O=Tenant AG");
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(startId, 2).get(1);
        assertThat(generated.certificate().sha256()).isEqualTo(Fingerprint.sha256Of(leaf.getEncoded()));
        assertThat(generated.certificate().issuer()).isEqualTo("CN=Tenant Issuing CA,O=Tenant AG");
        assertThat(generated.previous().sha256()).isEqualTo(Fingerprint.sha256Of(active.getEncoded()));
        assertThat(generated.renewalId()).isEqualTo(started.renewalId());
        assertThat(loadKeystoreFile().getCertificateChain(entryName))
                .containsExactly(leaf, issuing.certificate(), root.certificate());
        assertThat(entriesOf("acme-ca-sign")).containsExactly("acme-ca-sign", entryName);
        assertThat(historyFromApi(entryName)).extracting(change -> change.get("kind").asText())
                .containsExactly("CA_CERTIFICATE_IMPORTED");
        assertThat(get("/keystore/entries/acme-ca-sign/staged/csr").getStatusCode().value()).isEqualTo(409);

        JsonNode again = postPem("/keystore/entries/acme-ca-sign/staged/certificate-chain", chain, 200);
        assertThat(again.get("imported").asBoolean()).isFalse();
        assertThat(((KeyPairGenerated) awaitReports(startId, 3).get(2)).certificate())
                .isEqualTo(generated.certificate());
        assertThat(entriesOf("acme-ca-sign")).containsExactly("acme-ca-sign", entryName);

        publish(startId, started);
        assertThat(awaitReports(startId, 4).get(3)).as("the start delivered again gets the final report")
                .isInstanceOfSatisfying(KeyPairGenerated.class,
                        again2 -> assertThat(again2.certificate()).isEqualTo(generated.certificate()));
        assertThat(awaitReports(publish(started), 1).get(0)).as("and so does a start under another message id")
                .isInstanceOfSatisfying(KeyPairGenerated.class,
                        other -> assertThat(other.certificate()).isEqualTo(generated.certificate()));
    }

    @Test
    void refusesAWrongCertificateChainWithABadRequestThatNamesTheReasonAndChangesNothing() throws Exception {
        String startId = publish(caRenewal("globex-ca-sign", Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH));
        CertificateSigningRequested requested = (CertificateSigningRequested) awaitReports(startId, 1).get(0);
        PublicKey stagedKey = new JcaPKCS10CertificationRequest(certificationRequest(
                requested.certificateSigningRequest())).getPublicKey();
        List<String> entries = entriesOf("globex-ca-sign");
        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Tenant Root CA,O=Tenant AG", now);
        String path = "/keystore/entries/globex-ca-sign/staged/certificate-chain";

        assertThat(postPem(path, TestCertificateAuthority.pem(root.issue("CN=globex-ca-sign",
                TestCertificateAuthority.newKeys().getPublic(), now, now.plus(Duration.ofDays(30))),
                root.certificate()), 400).get("detail").asText())
                .contains("no certificate of the chain carries the public key of a key pair of alias 'globex-ca-sign'");
        assertThat(postPem(path, TestCertificateAuthority.pem(root.issueFor(requested.certificateSigningRequest(),
                now)), 400).get("detail").asText()).contains("is missing from the chain");
        assertThat(postPem(path, TestCertificateAuthority.pem(root.issue("CN=globex-ca-sign", stagedKey,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))), root.certificate()), 400)
                .get("detail").asText()).contains("expired on");
        assertThat(postPem(path, TestCertificateAuthority.pem(TestCertificateAuthority.root("CN=Rogue", now)
                .issueFor(requested.certificateSigningRequest(), now), root.certificate()), 400)
                .get("detail").asText()).contains("the issuer 'CN=Rogue' of certificate");
        assertThat(postPem(path, "no certificate here", 400).get("title").asText())
                .isEqualTo("Invalid certificate chain");
        assertThat(postPem("/keystore/entries/wayne-decrypt/staged/certificate-chain",
                TestCertificateAuthority.pem(root.certificate()), 409).get("detail").asText())
                .contains("no key pair of alias 'wayne-decrypt' awaits a CA's certificate");

        assertThat(entriesOf("globex-ca-sign")).isEqualTo(entries);
        assertThat(Fingerprint.sha256Of(certificateInFile(entries.get(0)).getPublicKey().getEncoded()))
                .isEqualTo(requested.publicKeySha256());
        assertThat(published.reportsAnswering(startId)).hasSize(1);
    }

    @Test
    void makesACaCertifiedDecryptionKeyTheAliasesActiveOneWhenItsChainIsImported() throws Exception {
        X509Certificate old = certificateInFile("acme-ca-decrypt");
        String startId = publish(caRenewal("acme-ca-decrypt", Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE));
        CertificateSigningRequested requested = (CertificateSigningRequested) awaitReports(startId, 1).get(0);
        assertThat(certificateInFile("acme-ca-decrypt").getEncoded()).as("active until the CA answered")
                .isEqualTo(old.getEncoded());
        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Tenant Root CA,O=Tenant AG", now);
        X509Certificate leaf = root.issueFor(requested.certificateSigningRequest(), now);

        JsonNode imported = postPem("/keystore/entries/acme-ca-decrypt/staged/certificate-chain",
                TestCertificateAuthority.pem(leaf, root.certificate()), 200);

        assertThat(imported.at("/entry/entryName").asText()).isEqualTo("acme-ca-decrypt");
        assertThat(imported.at("/entry/state").asText()).isEqualTo("ACTIVE");
        assertThat(certificateInFile("acme-ca-decrypt").getEncoded()).isEqualTo(leaf.getEncoded());
        assertThat(certificateInFile("acme-ca-decrypt.retained." + old.getSerialNumber().toString(16)).getEncoded())
                .isEqualTo(old.getEncoded());
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(startId, 2).get(1);
        assertThat(generated.previous().sha256()).isEqualTo(Fingerprint.sha256Of(old.getEncoded()));
        assertThat(postPem("/keystore/entries/acme-ca-decrypt/staged/certificate-chain",
                TestCertificateAuthority.pem(leaf, root.certificate()), 200).get("imported").asBoolean()).isFalse();
        assertThat(entriesOf("acme-ca-decrypt")).hasSize(2);
    }

    @Test
    void discardsTheKeyOfAnAbortedCaRenewalAndThenRefusesItsChain() throws Exception {
        RenewalStarted started = caRenewal("hooli-ca-sign", Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME);
        CertificateSigningRequested requested = (CertificateSigningRequested) awaitReports(publish(started), 1)
                .get(0);

        KeystoreReport discarded = awaitReports(publish(new RenewalAborted(started.renewalId(), "hooli-ca-sign",
                started.partnerId(), "CA unreachable", "tenant-admin", null, Instant.now())), 1).get(0);

        assertThat(discarded).isInstanceOfSatisfying(KeyPairDiscarded.class,
                report -> assertThat(report.discarded()).isNotNull());
        assertThat(entriesOf("hooli-ca-sign")).isEmpty();
        Instant now = Instant.now();
        TestCertificateAuthority root = TestCertificateAuthority.root("CN=Tenant Root CA,O=Tenant AG", now);
        assertThat(postPem("/keystore/entries/hooli-ca-sign/staged/certificate-chain", TestCertificateAuthority.pem(
                root.issueFor(requested.certificateSigningRequest(), now), root.certificate()), 409)
                .get("detail").asText()).contains("is no longer in the keystore");
    }
}
