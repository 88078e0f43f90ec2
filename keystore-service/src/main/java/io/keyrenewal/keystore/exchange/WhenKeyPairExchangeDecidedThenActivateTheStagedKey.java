package io.keyrenewal.keystore.exchange;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.store.Exchange;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Playbooks 1 and 2, step 5/8: the exchange is decided, so the staged key pair becomes the alias's active one and
 * the old one is archived for at least the minimum retention, counted from the keystore's own clock.
 */
@Component
public class WhenKeyPairExchangeDecidedThenActivateTheStagedKey {

    public static final String OPERATION = "EXCHANGE";
    private static final Logger log = LoggerFactory.getLogger(WhenKeyPairExchangeDecidedThenActivateTheStagedKey.class);

    private final TenantKeystore keystore;
    private final EntryHistory history;
    private final Clock clock;

    public WhenKeyPairExchangeDecidedThenActivateTheStagedKey(TenantKeystore keystore, EntryHistory history,
                                                              Clock clock) {
        this.keystore = keystore;
        this.history = history;
        this.clock = clock;
    }

    public KeystoreReport handle(KeyPairExchangeDecided event, CausingMessage cause) {
        try {
            KeystoreAlias alias = KeystoreAlias.of(event.alias());
            Instant now = clock.instant();
            Exchange exchange = keystore.exchange(alias, event.newCertificate().sha256(),
                    now.plus(event.minimumRetention()));
            log.info("Renewal {}: key pair {} is the active one of alias '{}', archived {} until {}",
                    event.renewalId(), exchange.activated().fingerprint(), alias,
                    exchange.archived() == null ? "none" : exchange.archived().fingerprint(),
                    exchange.archivedUntil());
            history.exchanged(alias, exchange, event.renewalId(), cause);
            CertificateRef archived = exchange.archived() == null ? null : exchange.archived().ref();
            return new KeyPairExchangeApplied(cause.reportId(), event.renewalId(), cause.id(), alias.value(),
                    exchange.activated().ref(), archived, exchange.archivedUntil(), now);
        } catch (KeystoreFailure failure) {
            log.warn("Renewal {}: exchange under alias '{}' refused: {}", event.renewalId(), event.alias(),
                    failure.getMessage());
            return cause.failed(event.renewalId(), OPERATION, failure, clock.instant());
        }
    }
}
