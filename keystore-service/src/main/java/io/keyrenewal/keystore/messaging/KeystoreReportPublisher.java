package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.keystore.KeystoreReports;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes a report on {@code keystore.reports.v1} (key = renewal id, CloudEvents headers) and waits for the ack. */
@Component
class KeystoreReportPublisher implements KeystoreReports {

    static final String SOURCE = "/keyrenewal/keystore-service";
    private static final long SEND_TIMEOUT_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(KeystoreReportPublisher.class);

    private final KafkaTemplate<String, String> template;

    KeystoreReportPublisher(KafkaTemplate<String, String> template) {
        this.template = template;
    }

    @Override
    public void publish(KeystoreReport report) {
        String renewalId = report.renewalId().value();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.KEYSTORE_REPORTS, renewalId,
                ContractJson.write(report));
        CloudEventHeaders.write(record.headers(), report.reportId(), report.getClass(), SOURCE, report.at(), renewalId);
        try {
            template.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportNotPublished(report, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReportNotPublished(report, e);
        }
        log.info("Renewal {}: published {} {} answering {}", renewalId, report.getClass().getSimpleName(),
                report.reportId(), report.causationId());
    }
}
