package io.keyrenewal.localstack;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.MessageHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes contract records the way the services do (JSON body, ce_* headers) and reads the test certificate. */
final class TestRecords {

    private TestRecords() {
    }

    static void publish(String bootstrapServers, String topic, String key, Object body, Map<String, String> extraHeaders) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, ContractJson.write(body));
        record.headers().add(MessageHeaders.ID, bytes(UUID.randomUUID().toString()));
        record.headers().add(MessageHeaders.TYPE, bytes(body.getClass().getSimpleName()));
        record.headers().add(MessageHeaders.SOURCE, bytes("/keyrenewal/local-stack-test"));
        record.headers().add(MessageHeaders.SPEC_VERSION, bytes(MessageHeaders.CLOUD_EVENTS_SPEC_VERSION));
        record.headers().add(MessageHeaders.TIME, bytes(Instant.now().toString()));
        extraHeaders.forEach((name, value) -> record.headers().add(name, bytes(value)));
        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrapServers)) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return CloudEventHeaders.read(record.headers(), name).orElse(null);
    }

    /** A real self-signed EC certificate (made with keytool), as the keystore-service would describe it. */
    static CertificateInfo acmeCertificate() {
        String pem = acmeCertificatePem();
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return new CertificateInfo(pem, Fingerprint.sha256Of(certificate.getEncoded()),
                    certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                    HexFormat.of().formatHex(certificate.getSerialNumber().toByteArray()),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        } catch (CertificateException e) {
            throw new IllegalStateException("the test certificate is not readable", e);
        }
    }

    static String acmeCertificatePem() {
        try (InputStream in = Objects.requireNonNull(TestRecords.class.getResourceAsStream("/partner-acme-decrypt.pem"))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
