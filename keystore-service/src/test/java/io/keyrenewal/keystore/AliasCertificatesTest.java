package io.keyrenewal.keystore;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.alias.AliasCertificate;
import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.certificate.TestCertificateAuthority;
import io.keyrenewal.keystore.messaging.AliasCertificatePublisher;
import io.keyrenewal.keystore.messaging.AliasPublicationProperties;
import io.keyrenewal.keystore.store.AliasOutbox;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreFileProperties;
import io.keyrenewal.keystore.store.Pkcs12TenantKeystore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the keystore publishes about its aliases on {@code keystore.aliases.v1}, in the service's shared test context:
 * each alias's active certificate after every change, with a version that grows, and a change that stays queued while
 * Kafka does not take it.
 */
class AliasCertificatesTest extends KeystoreServiceContext {

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    private static final Instant NOW = Instant.now();
    private static final TestCertificateAuthority PARTNER_CA = TestCertificateAuthority.root("CN=Cyberdyne CA,"
            + "O=Cyberdyne", NOW);

    @Autowired
    SelfSignedKeyPairIssuer issuer;

    @TempDir
    Path folder;

    @Test
    void publishesASeededAliasWithTheCertificateOfItsActiveKeyPair() throws Exception {
        X509Certificate seeded = certificateInFile("cyberdyne-sign");

        AliasCertificate seededAlias = awaitCertificate("cyberdyne-sign", fingerprint(seeded));

        assertThat(seededAlias.kind()).isEqualTo(AliasKind.KEY_PAIR);
        assertThat(seededAlias.certificate()).isEqualTo(summary(seeded));
        assertThat(seededAlias.version()).isPositive();
        ConsumerRecord<String, String> record = published.aliasCertificateRecords("cyberdyne-sign").stream()
                .filter(candidate -> candidate.value().equals(ContractJson.write(seededAlias))).findFirst()
                .orElseThrow();
        assertThat(record.key()).isEqualTo("cyberdyne-sign");
        assertThat(PublishedRecords.header(record, MessageHeaders.ID))
                .isEqualTo("cyberdyne-sign:" + seededAlias.version());
        assertThat(PublishedRecords.header(record, MessageHeaders.TYPE)).isEqualTo("AliasCertificate");
        assertThat(PublishedRecords.header(record, MessageHeaders.SOURCE)).isEqualTo("/keyrenewal/keystore-service");
        assertThat(PublishedRecords.header(record, MessageHeaders.SUBJECT)).isEqualTo("cyberdyne-sign");
        assertThat(PublishedRecords.header(record, MessageHeaders.TIME)).isEqualTo(seededAlias.at().toString());
    }

    @Test
    void publishesTheExchangedKeyPairWithAHigherVersionAndTheOldOneWhileTheNewOneIsOnlyStaged() throws Exception {
        AliasCertificate seeded = awaitCertificate("cyberdyne-decrypt", fingerprint(certificateInFile(
                "cyberdyne-decrypt")));
        KeyPairGenerated staged = startSigningRenewal("cyberdyne-decrypt",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME);
        Instant before = Instant.now();

        KeyPairExchangeApplied applied = (KeyPairExchangeApplied) awaitReports(publish(new KeyPairExchangeDecided(
                staged.renewalId(), "cyberdyne-decrypt", staged.certificate().ref(), staged.previous(),
                Duration.ofDays(90), Instant.now())), 1).get(0);

        AliasCertificate exchanged = awaitCertificate("cyberdyne-decrypt", applied.activated().sha256());
        assertThat(exchanged.certificate()).isEqualTo(CertificateSummary.of(staged.certificate()));
        assertThat(exchanged.version()).as("the staging and the exchange each changed the alias")
                .isGreaterThanOrEqualTo(seeded.version() + 2);
        assertThat(exchanged.at()).isBetween(before, Instant.now());
        assertThat(published.aliasCertificates("cyberdyne-decrypt"))
                .filteredOn(certificate -> certificate.version() < exchanged.version())
                .as("every record before the exchange, the staging's too, names the seeded key pair")
                .isNotEmpty()
                .allSatisfy(certificate -> assertThat(certificate.certificate()).isEqualTo(seeded.certificate()));
    }

    @Test
    void publishesAPartnerCertificateWhenItIsSwitchedToNotWhenItIsStaged() throws Exception {
        X509Certificate first = partnerCertificate();
        X509Certificate second = partnerCertificate();

        imported("/keystore/aliases/cyberdyne-verify/partner-certificates?activate=true", first);
        AliasCertificate active = awaitCertificate("cyberdyne-verify", fingerprint(first));
        assertThat(active.kind()).isEqualTo(AliasKind.PARTNER_CERTIFICATE);
        assertThat(active.certificate()).isEqualTo(summary(first));

        imported("/keystore/aliases/cyberdyne-verify/partner-certificates", second);
        List<AliasCertificate> afterStaging = await().atMost(PATIENCE)
                .until(() -> published.aliasCertificates("cyberdyne-verify"), records -> records.stream()
                        .anyMatch(record -> record.version() > active.version()));
        assertThat(afterStaging).filteredOn(record -> record.version() > active.version())
                .as("the staged certificate is not the active one")
                .allSatisfy(record -> assertThat(record.certificate()).isEqualTo(summary(first)));

        assertThat(post("/keystore/aliases/cyberdyne-verify/partner-certificates/" + fingerprint(second).value()
                + "/activate", null, null, LOGIN).getStatusCode().value()).isEqualTo(200);
        AliasCertificate switched = awaitCertificate("cyberdyne-verify", fingerprint(second));
        assertThat(switched.kind()).isEqualTo(AliasKind.PARTNER_CERTIFICATE);
        assertThat(switched.version()).isGreaterThan(afterStaging.stream().mapToLong(AliasCertificate::version)
                .max().orElseThrow());
    }

    @Test
    void keepsAChangeQueuedWhileKafkaDoesNotTakeItAndPublishesItOnceKafkaDoes() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + folder.resolve("keystore-log") + ";WRITE_DELAY=0");
        database.setUser("sa");
        Flyway.configure().dataSource(database).load().migrate();
        Pkcs12TenantKeystore keystore = new Pkcs12TenantKeystore(new KeystoreFileProperties(folder.resolve("keys"),
                PASSWORD, null), database);
        IssuedKeyPair keyPair = issuer.issue("outbox-sign", KeyAlgorithm.EC_P256);
        keystore.install(KeystoreAlias.of("outbox-sign"), keyPair);
        AliasOutbox outbox = new AliasOutbox(database);
        AliasPublicationProperties properties = new AliasPublicationProperties(Duration.ofMillis(500), 10);
        assertThat(outbox.size()).isEqualTo(1);

        // no broker behind this address: the producer gives up after 1 s, as with a broker that is down
        DefaultKafkaProducerFactory<String, String> nowhere = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        try {
            AliasCertificatePublisher away = new AliasCertificatePublisher(outbox, new KafkaTemplate<>(nowhere),
                    properties);
            assertThatThrownBy(away::publishPending)
                    .isInstanceOf(AliasCertificatePublisher.AliasesNotPublished.class)
                    .hasMessageContaining("1 of 1 alias changes not acknowledged by Kafka");
        } finally {
            nowhere.destroy();
        }
        assertThat(outbox.size()).as("still queued").isEqualTo(1);

        assertThat(new AliasCertificatePublisher(outbox, kafka, properties).publishPending()).isEqualTo(1);

        assertThat(outbox.size()).isZero();
        AliasCertificate sent = awaitCertificate("outbox-sign", keyPair.publicCertificate().fingerprint());
        assertThat(sent.certificate()).isEqualTo(summary(keyPair.certificate()));
        assertThat(published.aliasCertificates("outbox-sign")).hasSize(1);
    }

    private AliasCertificate awaitCertificate(String alias, Fingerprint certificate) {
        return await().atMost(PATIENCE).until(() -> published.aliasCertificates(alias).stream()
                        .filter(record -> record.certificate() != null)
                        .filter(record -> record.certificate().sha256().equals(certificate))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private void imported(String path, X509Certificate certificate) {
        ResponseEntity<String> response = post(path, new PublicCertificate(certificate).pem(), PEM, LOGIN);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }

    private static X509Certificate partnerCertificate() {
        return PARTNER_CA.issue("CN=cyberdyne-signer,O=Cyberdyne", TestCertificateAuthority.ecKeys("secp256r1").getPublic(),
                NOW.minusSeconds(60), NOW.plus(Duration.ofDays(365)));
    }

    private static Fingerprint fingerprint(X509Certificate certificate) {
        return new PublicCertificate(certificate).fingerprint();
    }

    private static CertificateSummary summary(X509Certificate certificate) {
        PublicCertificate known = new PublicCertificate(certificate);
        return new CertificateSummary(known.fingerprint(), known.subject(), known.issuer(), known.serialHex(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }
}
