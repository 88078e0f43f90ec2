package io.keyrenewal.keystore.rollback;

import io.keyrenewal.contracts.keystore.KeyPairRollbackApplied;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.RollbackDecided;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.Rollback;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Playbook 1, after the exchange: the rollback is decided, so the archived old key pair becomes the alias's active
 * one again and the new one is archived. Refused once the old key pair is no longer retained.
 */
@Component
public class WhenRollbackDecidedThenReactivateTheArchivedKey {

    public static final String OPERATION = "ROLLBACK";
    private static final Logger log = LoggerFactory.getLogger(WhenRollbackDecidedThenReactivateTheArchivedKey.class);

    private final TenantKeystore keystore;
    private final EntryHistory history;
    private final Clock clock;

    public WhenRollbackDecidedThenReactivateTheArchivedKey(TenantKeystore keystore, EntryHistory history,
                                                           Clock clock) {
        this.keystore = keystore;
        this.history = history;
        this.clock = clock;
    }

    public KeystoreReport handle(RollbackDecided event, CausingMessage cause) {
        try {
            KeystoreAlias alias = KeystoreAlias.of(event.alias());
            Rollback rollback = keystore.rollBack(alias, event.reactivate(), event.deactivate());
            log.info("Renewal {}: key pair {} of alias '{}' is active again, {} archived", event.renewalId(),
                    rollback.reactivated().fingerprint(), alias,
                    rollback.deactivated() == null ? "none" : rollback.deactivated().fingerprint());
            history.rolledBack(alias, rollback, event.renewalId(), cause);
            return new KeyPairRollbackApplied(cause.reportId(), event.renewalId(), cause.id(), alias.value(),
                    rollback.reactivated().ref(), clock.instant());
        } catch (KeystoreFailure failure) {
            log.warn("Renewal {}: rollback under alias '{}' refused: {}", event.renewalId(), event.alias(),
                    failure.getMessage());
            return cause.failed(event.renewalId(), OPERATION, failure, clock.instant());
        }
    }
}
