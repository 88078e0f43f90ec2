package io.keyrenewal.renewal.keystore;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.CertificateSigningRequested;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.keystore.KeyPairRollbackApplied;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.keystore.PartnerCertificateImportApplied;
import io.keyrenewal.renewal.logging.RenewalLogContext;
import io.keyrenewal.renewal.messaging.IncomingRecords;
import io.keyrenewal.renewal.playbook.Commands;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** Turns what the keystore reports into commands on the renewal it answers. */
@Component
public class KeystoreReportListener {

    private static final Logger log = LoggerFactory.getLogger(KeystoreReportListener.class);

    private final CommandGateway commands;
    private final Clock clock;

    public KeystoreReportListener(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.KEYSTORE_REPORTS, groupId = "renewal-service")
    public void on(ConsumerRecord<String, String> record) {
        try (MDC.MDCCloseable renewal = MDC.putCloseable(RenewalLogContext.RENEWAL_ID, record.key())) {
            KeystoreReport report = ContractJson.read(record.value(), KeystoreReport.class);
            IncomingRecords.requireKeyMatches(record, report.renewalId().value());
            log.info("Keystore report {} for renewal {}", report.getClass().getSimpleName(), report.renewalId());
            commands.sendAndWait(toCommand(report, clock.instant()));
        }
    }

    /** The renewal records a report at the time it learns of it, on its own clock, so its history reads in order. */
    private static Object toCommand(KeystoreReport report, Instant recordedAt) {
        if (report instanceof KeyPairGenerated generated) {
            return new Commands.RecordKeyPairGenerated(generated.renewalId(), generated.reportId(),
                    generated.certificate(), generated.previous(), recordedAt);
        }
        if (report instanceof KeyPairRemoved removed) {
            return new Commands.RecordKeyPairRemoved(removed.renewalId(), removed.reportId(), removed.removed(),
                    recordedAt);
        }
        if (report instanceof KeyPairExchangeApplied exchanged) {
            return new Commands.RecordKeyPairExchanged(exchanged.renewalId(), exchanged.reportId(),
                    exchanged.activated(), exchanged.archived(), recordedAt);
        }
        if (report instanceof KeyPairRollbackApplied rolledBack) {
            return new Commands.RecordKeyPairRolledBack(rolledBack.renewalId(), rolledBack.reportId(),
                    rolledBack.reactivated(), recordedAt);
        }
        if (report instanceof CertificateSigningRequested requested) {
            return new Commands.RecordCertificateSigningRequest(requested.renewalId(), requested.reportId(),
                    requested.subject(), requested.certificateSigningRequest(), requested.publicKeySha256(),
                    recordedAt);
        }
        if (report instanceof PartnerCertificateImportApplied imported) {
            return new Commands.RecordPartnerCertificateImported(imported.renewalId(), imported.reportId(),
                    imported.imported(), imported.previous(), recordedAt);
        }
        if (report instanceof KeyPairDiscarded discarded) {
            return new Commands.RecordKeyPairDiscarded(discarded.renewalId(), discarded.reportId(),
                    discarded.discarded(), recordedAt);
        }
        KeystoreOperationFailed failed = (KeystoreOperationFailed) report;
        return new Commands.RecordKeystoreFailure(failed.renewalId(), failed.reportId(), failed.operation(),
                failed.reason(), recordedAt);
    }
}
