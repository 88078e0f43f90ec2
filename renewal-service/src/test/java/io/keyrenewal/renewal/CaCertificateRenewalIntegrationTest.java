package io.keyrenewal.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.CertificateSigningRequested;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.renewal.CertificateRequestedFromCa;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.Records;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.renewal.support.SharedServiceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static io.keyrenewal.renewal.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start request's certificate options through REST, and a renewal whose certificate comes from the tenant's CA
 * through the keystore's reports on a real broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaCertificateRenewalIntegrationTest extends SharedServiceContext {

    static final String CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    KafkaTemplate<String, String> kafka;

    Http http;
    TopicRecorder events;

    @BeforeAll
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
        events = new TopicRecorder(brokers, Topics.RENEWAL_EVENTS);
    }

    @AfterAll
    void disconnect() {
        events.close();
    }

    @Test
    void refusesABadSubjectOrValidityWithAProblemNamingTheFieldAndStoresNothing() {
        HttpResponse<String> badSubject = start("ca-refused", "\"subjectDn\":\"just-a-name\"");
        HttpResponse<String> tooLong = start("ca-refused", "\"validityDays\":3651");
        HttpResponse<String> zero = start("ca-refused", "\"validityDays\":0");
        HttpResponse<String> badSource = start("ca-refused", "\"certificateSource\":\"SOMEONE\"");

        assertThat(List.of(badSubject, tooLong, zero, badSource)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).contains("application/problem+json"));
        });
        assertThat(json(badSubject).at("/errors/0/field").asText()).isEqualTo("subjectDn");
        assertThat(json(badSubject).at("/errors/0/message").asText())
                .startsWith("is not an X.500 distinguished name (RFC 2253, e.g. CN=acme-sign");
        assertThat(json(tooLong).at("/detail").asText()).isEqualTo("validityDays must be between 1 and 3650 days");
        assertThat(json(zero).at("/errors/0/field").asText()).isEqualTo("validityDays");
        assertThat(json(badSource).at("/detail").asText()).startsWith("certificateSource");
        assertThat(json(http.get("/renewals?alias=ca-refused"))).isEmpty();
        assertThat(start("ca-refused", "\"validityDays\":3650").statusCode()).as("the alias is still free")
                .isEqualTo(201);
    }

    @Test
    void waitsForTheCaAndGoesOnOnceTheKeystoreReportsTheCasCertificate() {
        HttpResponse<String> response = start("ca-signer", "\"playbook\":\"TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH\","
                + "\"subjectDn\":\" CN=ca-signer, O=Tenant AG, C=CH \",\"validityDays\":397,"
                + "\"certificateSource\":\"CA\"");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String renewalId = json(response).get("renewalId").asText();
        ConsumerRecord<String, String> startedRecord = events.awaitTypes(renewalId, "RenewalStarted").get(0);
        RenewalStarted started = (RenewalStarted) ContractJson.read(startedRecord.value(), RenewalEvent.class);
        assertThat(started.subjectDn()).isEqualTo("CN=ca-signer, O=Tenant AG, C=CH");
        assertThat(started.validityDays()).isEqualTo(397);
        assertThat(started.certificateSource()).isEqualTo(CertificateSource.CA);

        String causationId = TopicRecorder.header(startedRecord, MessageHeaders.ID);
        Fingerprint publicKey = new Fingerprint("ef".repeat(32));
        CertificateSigningRequested requested = new CertificateSigningRequested("rep-csr", new RenewalId(renewalId),
                causationId, "ca-signer", "CN=ca-signer,O=Tenant AG,C=CH", CSR, publicKey, Instant.now());
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, requested));
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, requested));

        CertificateRequestedFromCa waiting = (CertificateRequestedFromCa) ContractJson.read(events.awaitTypes(renewalId,
                "RenewalStarted", "CertificateRequestedFromCa").get(1).value(), RenewalEvent.class);
        assertThat(waiting.certificateSigningRequest()).isEqualTo(CSR);
        assertThat(waiting.publicKeySha256()).isEqualTo(publicKey);
        JsonNode detail = json(http.get("/renewals/" + renewalId));
        assertThat(detail.at("/history/1/type").asText()).isEqualTo("CertificateRequestedFromCa");
        assertThat(detail.at("/renewal/awaiting").asText()).isEqualTo("KEY_PAIR_CREATED");
        assertThat(detail.at("/renewal/nextActor").asText()).isEqualTo("keystore");

        Instant issued = Instant.now();
        kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairGenerated("rep-issued",
                new RenewalId(renewalId), causationId, "ca-signer", Certificates.certificate("ca-signer", "7f01", issued),
                Certificates.ref("ca-signer", "01"), issued)));
        events.awaitTypes(renewalId, "RenewalStarted", "CertificateRequestedFromCa", "NewKeyPairCreated",
                "CertificateProvided");
        assertThat(json(http.get("/renewals/" + renewalId)).at("/renewal/awaiting").asText())
                .isEqualTo("PARTNER_VERIFIES_BOTH");
    }

    private HttpResponse<String> start(String alias, String options) {
        return http.post("/renewals", "{\"alias\":\"" + alias + "\",\"partnerId\":\"acme\","
                + "\"guaranteedDeliveryTime\":\"P30D\"," + options + "}");
    }
}
