package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeystoreStepRetried;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RollbackDecided;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.discard.WhenRenewalAbortedThenDiscardTheStagedKey;
import io.keyrenewal.keystore.exchange.WhenKeyPairExchangeDecidedThenActivateTheStagedKey;
import io.keyrenewal.keystore.generation.WhenRenewalStartedThenGenerateKeyPair;
import io.keyrenewal.keystore.journal.FailedSteps;
import io.keyrenewal.keystore.journal.ProcessedMessageLog;
import io.keyrenewal.keystore.partner.WhenPartnerCertificateReceivedThenImportIt;
import io.keyrenewal.keystore.removal.WhenOldKeyPairRemovalDecidedThenRemoveIt;
import io.keyrenewal.keystore.rollback.WhenRollbackDecidedThenReactivateTheArchivedKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Optional;

/**
 * Handles each renewal event once: the keystore's part of it is done and the report recorded under the event's id in
 * one transaction (the key change, its history and the handled message commit together or not at all), then the
 * report is published. A redelivered event gets its recorded report again; events without a keystore part are
 * ignored. If two instances handle one event at once (a redelivery during a rebalance), the second to commit finds
 * the first's record, rolls its own work back and publishes the first's report. The decision behind a failed step is
 * kept ({@link FailedSteps}) so that {@code KeystoreStepRetried} repeats it.
 */
@Component
class RenewalEventHandler {

    private static final Logger log = LoggerFactory.getLogger(RenewalEventHandler.class);

    private final ProcessedMessageLog processed;
    private final WhenRenewalStartedThenGenerateKeyPair generation;
    private final WhenKeyPairExchangeDecidedThenActivateTheStagedKey exchange;
    private final WhenRollbackDecidedThenReactivateTheArchivedKey rollback;
    private final WhenRenewalAbortedThenDiscardTheStagedKey discard;
    private final WhenOldKeyPairRemovalDecidedThenRemoveIt removal;
    private final WhenPartnerCertificateReceivedThenImportIt partnerCertificateImport;
    private final KeystoreReportPublisher publisher;
    private final TransactionTemplate transaction;
    private final FailedSteps failedSteps;
    private final Clock clock;
    private final MeterRegistry meters;

    RenewalEventHandler(PlatformTransactionManager transactions, FailedSteps failedSteps, Clock clock,
                        MeterRegistry meters,
                        ProcessedMessageLog processed, WhenRenewalStartedThenGenerateKeyPair generation,
                        WhenKeyPairExchangeDecidedThenActivateTheStagedKey exchange,
                        WhenRollbackDecidedThenReactivateTheArchivedKey rollback,
                        WhenRenewalAbortedThenDiscardTheStagedKey discard,
                        WhenOldKeyPairRemovalDecidedThenRemoveIt removal,
                        WhenPartnerCertificateReceivedThenImportIt partnerCertificateImport,
                        KeystoreReportPublisher publisher) {
        this.processed = processed;
        this.generation = generation;
        this.exchange = exchange;
        this.rollback = rollback;
        this.discard = discard;
        this.removal = removal;
        this.partnerCertificateImport = partnerCertificateImport;
        this.publisher = publisher;
        this.transaction = new TransactionTemplate(transactions);
        this.failedSteps = failedSteps;
        this.clock = clock;
        this.meters = meters;
    }

    void handle(CausingMessage cause, RenewalEvent event) {
        Optional<KeystoreReport> report;
        try {
            report = transaction.execute(status -> handleOnce(cause, event));
        } catch (DuplicateKeyException handledByAnother) {
            report = processed.reportFor(cause.id());
            log.info("Renewal {}: message {} was handled at the same time elsewhere; its report {} stands",
                    event.renewalId(), cause.id(), report.map(KeystoreReport::reportId).orElse("(none)"));
        }
        report.ifPresent(publisher::publish);
    }

    private Optional<KeystoreReport> handleOnce(CausingMessage cause, RenewalEvent event) {
        Optional<KeystoreReport> earlier = processed.reportFor(cause.id());
        if (earlier.isPresent()) {
            log.info("Renewal {}: message {} was handled before, publishing its report {} again",
                    event.renewalId(), cause.id(), earlier.get().reportId());
            return earlier;
        }
        Timer.Sample took = Timer.start(meters);
        Optional<KeystoreReport> report = carryOut(cause, event);
        report.ifPresent(done -> took.stop(Timer.builder("keyrenewal.keystore.operations")
                .description("Keystore steps carried out (a redelivered event's recorded report is not counted)")
                .tag("operation", operation(event))
                .tag("outcome", done instanceof KeystoreOperationFailed ? "failed" : "succeeded")
                .publishPercentileHistogram().register(meters)));
        if (report.isEmpty()) {
            log.debug("Renewal {}: {} needs nothing from the keystore", event.renewalId(),
                    event.getClass().getSimpleName());
            return report;
        }
        if (report.get() instanceof KeystoreOperationFailed failed && !(event instanceof KeystoreStepRetried)) {
            failedSteps.remember(event.renewalId(), failed.operation(), cause.id(), event);
        }
        processed.record(cause.id(), report.get());
        return report;
    }

    /** The keystore step an event asks for, as the {@code operation} tag of {@code keyrenewal.keystore.operations}. */
    private static String operation(RenewalEvent event) {
        if (event instanceof KeystoreStepRetried) {
            return "retry";
        }
        if (event instanceof RenewalStarted) {
            return "generate";
        }
        if (event instanceof KeyPairExchangeDecided) {
            return "exchange";
        }
        if (event instanceof RollbackDecided) {
            return "rollback";
        }
        if (event instanceof RenewalAborted) {
            return "discard";
        }
        if (event instanceof PartnerCertificateReceived) {
            return "import";
        }
        return event instanceof OldKeyPairRemovalDecided ? "remove" : event.getClass().getSimpleName();
    }

    private Optional<KeystoreReport> carryOut(CausingMessage cause, RenewalEvent event) {
        if (event instanceof KeystoreStepRetried retried) {
            return Optional.of(retry(cause, retried));
        }
        if (event instanceof RenewalStarted started) {
            return generation.handle(started, cause);
        }
        if (event instanceof KeyPairExchangeDecided decided) {
            return Optional.of(exchange.handle(decided, cause));
        }
        if (event instanceof RollbackDecided decided) {
            return Optional.of(rollback.handle(decided, cause));
        }
        if (event instanceof RenewalAborted aborted) {
            return Optional.of(discard.handle(aborted, cause));
        }
        if (event instanceof OldKeyPairRemovalDecided decided) {
            return Optional.of(removal.handle(decided, cause));
        }
        if (event instanceof PartnerCertificateReceived received) {
            return Optional.of(partnerCertificateImport.handle(received, cause));
        }
        return Optional.empty();
    }

    /**
     * Repeats the step that failed as it was decided, answering the retry: the steps are idempotent, so one that
     * succeeded meanwhile is reported again rather than done twice.
     */
    private KeystoreReport retry(CausingMessage cause, KeystoreStepRetried retried) {
        Optional<RenewalEvent> decision = failedSteps.decision(retried.renewalId(), retried.operation());
        if (decision.isEmpty()) {
            return new KeystoreOperationFailed(cause.reportId(), retried.renewalId(), cause.id(), retried.operation(),
                    "this keystore has no failed " + retried.operation() + " of renewal " + retried.renewalId()
                            + ": nothing to retry", clock.instant());
        }
        log.info("Renewal {}: {} asked to retry {}, decided by {}", retried.renewalId(), retried.by(),
                retried.operation(), decision.get().getClass().getSimpleName());
        return carryOut(cause, decision.get()).orElseThrow(() -> new IllegalStateException("the failed decision "
                + decision.get().getClass().getSimpleName() + " has no keystore step"));
    }
}
