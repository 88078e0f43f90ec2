package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.keystore.PartnerCertificateImportApplied;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.crypto.Cipher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renewal of a partner's certificate as the keystore takes part in it, over {@code renewal.events.v1} and
 * {@code keystore.reports.v1} in the service's shared test context: no key pair of the tenant's is generated, the
 * certificate the partner sent is imported as the alias's active partner certificate beside the one it replaces, and
 * that one is removed once the renewal decides so after the retention. One test moves the keystore's clock past that
 * retention, which the other classes of the shared context do not expect: the context is closed after this class,
 * which runs last (junit-platform.properties orders the classes by {@code @Order}) so that no class starts it again.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Order(Integer.MAX_VALUE)
class PartnerCertificateRenewalTest extends KeystoreServiceContext {

    private static final PartnerId ACME = new PartnerId("acme");
    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    private static final Instant NOW = Instant.now();
    private static final TestCertificateAuthority ACME_CA = TestCertificateAuthority.root("CN=Acme CA,O=Acme AG", NOW);

    @Autowired
    TenantKeystore keystore;
    @Autowired
    KeyGenerationJournal journal;
    @Autowired
    SelfSignedKeyPairIssuer issuer;

    @Test
    void importsThePartnersNewCertificateAsTheActiveOneAndRetainsTheOldOneSoThatBothVerify() throws Exception {
        KeyPair oldKeys = TestCertificateAuthority.rsaKeys(2048);
        KeyPair newKeys = TestCertificateAuthority.rsaKeys(2048);
        X509Certificate old = partnerCertificate(oldKeys);
        X509Certificate fresh = partnerCertificate(newKeys);
        assertThat(post("/keystore/aliases/pcr-acme/partner-certificates?activate=true", TestCertificateAuthority
                .pem(old), PEM, LOGIN).getStatusCode().value()).as("the partner's certificate until now").isEqualTo(200);
        RenewalStarted started = partnerCertificateRenewal("pcr-acme");
        String startId = publish(started);
        PartnerCertificateReceived received = received(started, info(fresh));
        String messageId = publish(received);

        KeystoreReport report = awaitReports(messageId, 1).get(0);

        assertThat(report).isInstanceOfSatisfying(PartnerCertificateImportApplied.class, applied -> {
            assertThat(applied.renewalId()).isEqualTo(started.renewalId());
            assertThat(applied.alias()).isEqualTo("pcr-acme");
            assertThat(applied.imported()).isEqualTo(ref(fresh));
            assertThat(applied.previous()).isEqualTo(ref(old));
        });
        assertThat(published.reportsAnswering(startId)).as("the start generated nothing").isEmpty();
        KeyStore file = aliasFile("pcr-acme");
        String retained = "pcr-acme.retained." + old.getSerialNumber().toString(16);
        assertThat(Collections.list(file.aliases())).containsExactlyInAnyOrder("pcr-acme", retained);
        assertThat(file.isCertificateEntry("pcr-acme")).isTrue();
        assertThat(file.getCertificate("pcr-acme")).isEqualTo(fresh);
        assertThat(file.isCertificateEntry(retained)).isTrue();
        assertThat(file.getCertificate(retained)).isEqualTo(old);
        JsonNode retainedEntry = entry("pcr-acme", retained);
        assertThat(Instant.parse(retainedEntry.get("retainedUntil").asText()))
                .as("retained as an activation over the API retains it, not past 90 days from the import")
                .isBetween(keystoreNow().minus(Duration.ofMinutes(5)).plus(Duration.ofDays(90)),
                        keystoreNow().plus(Duration.ofDays(90)));

        byte[] payload = "<soap:Envelope>signed by the partner</soap:Envelope>".getBytes(StandardCharsets.UTF_8);
        JsonNode byNew = verify("pcr-acme", null, payload, sign(newKeys, payload));
        assertThat(byNew.get("valid").asBoolean()).isTrue();
        assertThat(byNew.get("state").asText()).isEqualTo("ACTIVE");
        JsonNode byOld = verify("pcr-acme", "{\"sha256\":\"" + ref(old).sha256().value() + "\"}", payload,
                sign(oldKeys, payload));
        assertThat(byOld.get("valid").asBoolean()).as("the old certificate verifies when named").isTrue();
        assertThat(byOld.get("state").asText()).isEqualTo("ARCHIVED");
        assertThat(verify("pcr-acme", null, payload, sign(oldKeys, payload)).get("valid").asBoolean())
                .as("the old key's signature checked with the new, active certificate").isFalse();
    }

    @Test
    void removesTheRetainedPartnerCertificateOnceTheKeystoresClockPassedItsRetention() throws Exception {
        X509Certificate old = partnerCertificate(TestCertificateAuthority.ecKeys("secp256r1"));
        X509Certificate fresh = partnerCertificate(TestCertificateAuthority.ecKeys("secp256r1"));
        assertThat(post("/keystore/aliases/pcr-retention/partner-certificates?activate=true", TestCertificateAuthority
                .pem(old), PEM, LOGIN).getStatusCode().value()).isEqualTo(200);
        RenewalStarted started = partnerCertificateRenewal("pcr-retention");
        PartnerCertificateImportApplied applied = (PartnerCertificateImportApplied) awaitReports(publish(
                received(started, info(fresh))), 1).get(0);
        assertThat(applied.previous()).isEqualTo(ref(old));
        OldKeyPairRemovalDecided decided = new OldKeyPairRemovalDecided(started.renewalId(), "pcr-retention",
                applied.previous(), Instant.now());

        KeystoreReport early = awaitReports(publish(decided), 1).get(0);
        assertThat(early).as("the renewal's clock ran ahead of the keystore's")
                .isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
                    assertThat(failed.operation()).isEqualTo("REMOVE");
                    assertThat(failed.reason()).contains("retention not elapsed until");
                });
        assertThat(Collections.list(aliasFile("pcr-retention").aliases())).hasSize(2);

        assertThat(post("/admin/clock/advance", "{\"duration\":\"P91D\"}", MediaType.APPLICATION_JSON, LOGIN)
                .getStatusCode().value()).isEqualTo(200);
        String removalId = publish(decided);
        KeystoreReport removed = awaitReports(removalId, 1).get(0);

        assertThat(removed).isInstanceOfSatisfying(KeyPairRemoved.class, report -> {
            assertThat(report.alias()).isEqualTo("pcr-retention");
            assertThat(report.removed()).isEqualTo(ref(old));
        });
        KeyStore file = aliasFile("pcr-retention");
        assertThat(Collections.list(file.aliases())).containsExactly("pcr-retention");
        assertThat(file.getCertificate("pcr-retention")).isEqualTo(fresh);
        List<JsonNode> history = new ArrayList<>();
        json(get("/keystore/entries/" + ref(old).sha256().value() + "/history")).forEach(history::add);
        assertThat(history).extracting(change -> change.get("kind").asText()).endsWith("ARCHIVED", "REMOVED");
        assertThat(history.get(history.size() - 1).get("causationId").asText()).isEqualTo(removalId);
        assertThat(awaitReports(publish(decided), 1).get(0)).as("decided again: gone already")
                .isInstanceOfSatisfying(KeyPairRemoved.class, again -> assertThat(again.removed()).isEqualTo(ref(old)));

        KeystoreReport nothing = awaitReports(publish(new OldKeyPairRemovalDecided(RenewalId.random(),
                "pcr-retention", null, Instant.now())), 1).get(0);
        assertThat(nothing).as("the alias held no partner certificate before that renewal")
                .isInstanceOfSatisfying(KeyPairRemoved.class, report -> assertThat(report.removed()).isNull());
        assertThat(Collections.list(aliasFile("pcr-retention").aliases())).containsExactly("pcr-retention");
    }

    @Test
    void answersTheSameImportAgainWithoutImportingTwice() throws Exception {
        X509Certificate first = partnerCertificate(TestCertificateAuthority.ecKeys("secp256r1"));
        RenewalStarted started = partnerCertificateRenewal("pcr-twice");
        PartnerCertificateReceived received = received(started, info(first));
        String messageId = publish(received);
        PartnerCertificateImportApplied applied = (PartnerCertificateImportApplied) awaitReports(messageId, 1).get(0);
        assertThat(applied.imported()).isEqualTo(ref(first));
        assertThat(applied.previous()).as("the alias held no partner certificate").isNull();

        publish(messageId, received);
        assertThat(awaitReports(messageId, 2).get(1)).as("delivered again").isEqualTo(applied);
        String otherId = publish(received);
        assertThat(awaitReports(otherId, 1).get(0)).as("under another message id")
                .isInstanceOfSatisfying(PartnerCertificateImportApplied.class, again -> {
                    assertThat(again.imported()).isEqualTo(applied.imported());
                    assertThat(again.previous()).isNull();
                });

        assertThat(keystore.entriesOf(KeystoreAlias.of("pcr-twice"))).singleElement()
                .satisfies(entry -> assertThat(entry.entryName()).isEqualTo("pcr-twice"));
        assertThat(json(get("/keystore/entries/" + ref(first).sha256().value() + "/history")))
                .extracting(change -> change.get("kind").asText())
                .containsExactly("PARTNER_CERTIFICATE_ADDED", "EXCHANGED_IN");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void reportsTheCheckAnInvalidCertificateFailsWithoutItsKeyAndImportsNothing(CapturedOutput output)
            throws Exception {
        RenewalStarted started = partnerCertificateRenewal("pcr-invalid");
        KeyPair weak = TestCertificateAuthority.rsaKeys(1024);
        KeystoreReport tooWeak = awaitReports(publish(received(started, info(partnerCertificate(weak)))), 1).get(0);

        assertThat(tooWeak).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("IMPORT");
            assertThat(failed.reason()).contains("RSA key of 1024 bits: at least 2048 are required");
        });

        KeyPair leaked = TestCertificateAuthority.rsaKeys(2048);
        String privateKey = TestCertificateAuthority.privateKeyPem(leaked);
        CertificateInfo withKey = info(partnerCertificate(leaked));
        withKey = new CertificateInfo(withKey.pem() + privateKey, withKey.sha256(), withKey.subject(),
                withKey.issuer(), withKey.serialNumber(), withKey.notBefore(), withKey.notAfter());
        String withKeyId = publish(received(started, withKey));
        KeystoreReport refused = awaitReports(withKeyId, 1).get(0);

        assertThat(refused).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("IMPORT");
            assertThat(failed.reason()).startsWith("the input holds a private key, which the keystore never takes"
                    + " from a partner");
        });
        assertThat(keystore.entriesOf(KeystoreAlias.of("pcr-invalid"))).isEmpty();
        String keyBody = privateKey.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        List<String> shown = new ArrayList<>();
        published.reportRecordsAnswering(withKeyId).forEach(record -> shown.add(record.value()));
        shown.add(output.getAll());
        for (String text : shown) {
            assertThat(text).doesNotContain("PRIVATE KEY").doesNotContain(keyBody.substring(0, 64))
                    .doesNotContain(keyBody.substring(keyBody.length() - 64));
        }
    }

    @Test
    void importsTheCertificateOfAPartnerTheTenantEncryptsToOnlyIfItsKeyCanBeEncryptedTo() throws Exception {
        RenewalStarted started = encryptingRenewal("pcr-encrypt");
        KeyPair rsa = TestCertificateAuthority.rsaKeys(2048);
        X509Certificate ec = partnerCertificate(TestCertificateAuthority.ecKeys("secp256r1"),
                TestCertificateAuthority.Role.ENCRYPTION_LEAF);
        X509Certificate signingOnly = partnerCertificate(rsa, TestCertificateAuthority.Role.LEAF);

        assertThat(awaitReports(publish(received(started, info(ec), started.partnerCertificateUse())), 1).get(0))
                .as("the renewal refuses it first: the keystore, too")
                .isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
                    assertThat(failed.operation()).isEqualTo("IMPORT");
                    assertThat(failed.reason()).contains("has an EC key: the tenant encrypts to this partner, and"
                            + " encryption needs an RSA key");
                });
        assertThat(awaitReports(publish(received(started, info(signingOnly),
                started.partnerCertificateUse())), 1).get(0))
                .isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
                    assertThat(failed.operation()).isEqualTo("IMPORT");
                    assertThat(failed.reason()).contains("its keyUsage allows digitalSignature, and the tenant"
                            + " encrypts to this partner, which needs keyEncipherment");
                });
        assertThat(keystore.entriesOf(KeystoreAlias.of("pcr-encrypt"))).isEmpty();

        X509Certificate encryption = partnerCertificate(rsa, TestCertificateAuthority.Role.ENCRYPTION_LEAF);
        assertThat(awaitReports(publish(received(started, info(encryption),
                started.partnerCertificateUse())), 1).get(0))
                .isInstanceOfSatisfying(PartnerCertificateImportApplied.class,
                        applied -> assertThat(applied.imported()).isEqualTo(ref(encryption)));
        byte[] sessionKey = "a session key of the tenant's".getBytes(StandardCharsets.UTF_8);
        ResponseEntity<String> encrypted = post("/keystore/aliases/pcr-encrypt/encrypt", "{\"plaintext\":\""
                + base64(sessionKey) + "\"}", MediaType.APPLICATION_JSON, LOGIN);
        assertThat(encrypted.getStatusCode().value()).as(encrypted.getBody()).isEqualTo(200);
        assertThat(json(encrypted).get("certificate").get("sha256").asText()).isEqualTo(ref(encryption).sha256()
                .value());
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
        assertThat(oaep.doFinal(Base64.getDecoder().decode(json(encrypted).get("ciphertext").asText())))
                .as("only the partner's private key decrypts it").isEqualTo(sessionKey);
    }

    @Test
    void refusesToImportAPartnersCertificateUnderAnAliasOfKeyPairs() throws Exception {
        KeystoreAlias tenants = KeystoreAlias.of("pcr-tenant-sign");
        keystore.install(tenants, issuer.issue(tenants.value(), KeyAlgorithm.EC_P256));
        X509Certificate certificate = partnerCertificate(TestCertificateAuthority.ecKeys("secp384r1"));

        KeystoreReport report = awaitReports(publish(received(partnerCertificateRenewal("pcr-tenant-sign"),
                info(certificate))), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("IMPORT");
            assertThat(failed.reason()).isEqualTo("alias 'pcr-tenant-sign' holds key pairs, not partner certificates:"
                    + " an alias never mixes key pairs and partner certificates");
        });
        assertThat(keystore.entriesOf(tenants)).singleElement()
                .satisfies(entry -> assertThat(entry.isPartnerCertificate()).isFalse());
    }

    @Test
    void generatesNothingWhenARenewalOfAPartnersCertificateStartsAndDiscardsNothingWhenItIsAborted() {
        RenewalStarted started = partnerCertificateRenewal("pcr-aborted");
        String startId = publish(started);

        KeystoreReport aborted = awaitReports(publish(new RenewalAborted(started.renewalId(), "pcr-aborted", ACME,
                "the partner never sent its certificate", "tenant-admin", null, Instant.now())), 1).get(0);

        assertThat(aborted).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isNull());
        // the start was handled before the abort (one renewal, one partition): it reported nothing
        assertThat(published.reportsAnswering(startId)).isEmpty();
        assertThat(published.deadLettersWithId(startId)).isEmpty();
        assertThat(keystore.entriesOf(KeystoreAlias.of("pcr-aborted"))).isEmpty();
        assertThat(journal.find(started.renewalId())).isEmpty();
    }

    private static PartnerCertificateReceived received(RenewalStarted started, CertificateInfo certificate) {
        return received(started, certificate, null);
    }

    /** @param use what the tenant does with the certificate; null: as recorded before the field existed */
    private static PartnerCertificateReceived received(RenewalStarted started, CertificateInfo certificate,
                                                       PartnerCertificateUse use) {
        return new PartnerCertificateReceived(started.renewalId(), started.alias(), started.partnerId(),
                "confirmation-" + started.renewalId().value(), certificate, Instant.now(), use);
    }

    private static X509Certificate partnerCertificate(KeyPair keys) {
        return partnerCertificate(keys, TestCertificateAuthority.Role.LEAF);
    }

    private static X509Certificate partnerCertificate(KeyPair keys, TestCertificateAuthority.Role role) {
        return ACME_CA.issue("CN=acme-signer,O=Acme AG", keys.getPublic(), NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(730)), role);
    }

    private static CertificateInfo info(X509Certificate certificate) {
        return new PublicCertificate(certificate).info();
    }

    private static CertificateRef ref(X509Certificate certificate) {
        return new PublicCertificate(certificate).ref();
    }

    /** The alias's PKCS#12 as the keystore exported it, read as keytool would. */
    private static KeyStore aliasFile(String alias) throws Exception {
        KeyStore file = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dataDir.resolve("keystore-service").resolve("keystore")
                .resolve(alias + ".p12"))) {
            file.load(in, PASSWORD.toCharArray());
        }
        return file;
    }

    private JsonNode entry(String alias, String entryName) throws Exception {
        for (JsonNode entry : json(get("/keystore/entries?alias=" + alias))) {
            if (entry.get("entryName").asText().equals(entryName)) {
                return entry;
            }
        }
        throw new AssertionError("the API lists no entry " + entryName);
    }

    private Instant keystoreNow() throws Exception {
        return Instant.parse(json(get("/admin/clock")).get("now").asText());
    }

    private JsonNode verify(String alias, String keyIdentifier, byte[] payload, byte[] signature) throws Exception {
        ResponseEntity<String> answer = post("/keystore/aliases/" + alias + "/verify", "{\"keyIdentifier\":"
                + keyIdentifier + ",\"payload\":\"" + base64(payload) + "\",\"signature\":\"" + base64(signature)
                + "\"}", MediaType.APPLICATION_JSON, LOGIN);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json(answer);
    }

    private static byte[] sign(KeyPair keys, byte[] payload) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(payload);
        return signer.sign();
    }

    private static JsonNode json(ResponseEntity<String> response) throws Exception {
        return ContractJson.mapper().readTree(response.getBody());
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * What renewal-service publishes when a renewal of the partner's certificate under {@code alias} starts: the keystore
     * reads its instruction {@code newKeyPair}, never the playbook.
     */
    private static RenewalStarted partnerCertificateRenewal(String alias) {
        return new RenewalStarted(RenewalId.random(), alias, ACME, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
                Duration.ofDays(30), KeyAlgorithm.RSA_2048, Instant.now(), ExchangeApproval.TENANT_APPROVES, null,
                null, CertificateSource.SELF_SIGNED, KeyPairActivation.NONE, null);
    }

    /** Playbook 10's start: the tenant encrypts its requests to the receiver's new certificate. */
    private static RenewalStarted encryptingRenewal(String alias) {
        return new RenewalStarted(RenewalId.random(), alias, ACME,
                Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_DECRYPT_BOTH, Duration.ofDays(30), KeyAlgorithm.RSA_2048,
                Instant.now(), ExchangeApproval.TENANT_APPROVES, null, null, CertificateSource.SELF_SIGNED,
                KeyPairActivation.NONE, null, PartnerRole.RECEIVER_ADMINISTRATOR,
                PartnerCertificateUse.ENCRYPT_TO_PARTNER);
    }
}
