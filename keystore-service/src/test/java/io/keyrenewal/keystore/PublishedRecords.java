package io.keyrenewal.keystore;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.alias.AliasCertificate;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every record the service published during the test run: reports, alias certificates and dead letters. */
class PublishedRecords {

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();

    @KafkaListener(id = "test-observer", groupId = "keystore-service-test-observer",
            topics = {Topics.KEYSTORE_REPORTS, Topics.ALIAS_CERTIFICATES, Topics.RENEWAL_EVENTS + ".dlt"})
    void observe(ConsumerRecord<String, String> record) {
        records.add(record);
    }

    List<ConsumerRecord<String, String>> all() {
        return List.copyOf(records);
    }

    List<ConsumerRecord<String, String>> reportRecordsAnswering(String causationId) {
        return records.stream()
                .filter(record -> record.topic().equals(Topics.KEYSTORE_REPORTS))
                .filter(record -> report(record).causationId().equals(causationId))
                .toList();
    }

    List<KeystoreReport> reportsAnswering(String causationId) {
        return reportRecordsAnswering(causationId).stream().map(PublishedRecords::report).toList();
    }

    List<ConsumerRecord<String, String>> deadLettersWithId(String messageId) {
        return records.stream()
                .filter(record -> record.topic().equals(Topics.deadLetter(Topics.RENEWAL_EVENTS)))
                .filter(record -> messageId.equals(header(record, MessageHeaders.ID)))
                .toList();
    }

    /** The records of {@code alias} on {@code keystore.aliases.v1}, in the order they arrived. */
    List<ConsumerRecord<String, String>> aliasCertificateRecords(String alias) {
        return records.stream()
                .filter(record -> record.topic().equals(Topics.ALIAS_CERTIFICATES))
                .filter(record -> alias.equals(record.key()))
                .toList();
    }

    List<AliasCertificate> aliasCertificates(String alias) {
        return aliasCertificateRecords(alias).stream()
                .map(record -> ContractJson.read(record.value(), AliasCertificate.class))
                .toList();
    }

    static KeystoreReport report(ConsumerRecord<String, String> record) {
        return ContractJson.read(record.value(), KeystoreReport.class);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
