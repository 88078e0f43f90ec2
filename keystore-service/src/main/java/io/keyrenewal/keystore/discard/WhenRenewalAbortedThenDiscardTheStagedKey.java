package io.keyrenewal.keystore.discard;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.journal.KeyGeneration;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * A renewal was aborted before its exchange, so its staged key pair (never active) is removed. The event names it;
 * if it does not, the key pair the renewal generated is looked up in the generation journal and removed if it is
 * still staged. A named key pair that is active or archived is never removed: that is refused.
 */
@Component
public class WhenRenewalAbortedThenDiscardTheStagedKey {

    public static final String OPERATION = "DISCARD";
    private static final Logger log = LoggerFactory.getLogger(WhenRenewalAbortedThenDiscardTheStagedKey.class);

    private final TenantKeystore keystore;
    private final KeyGenerationJournal journal;
    private final EntryHistory history;
    private final Clock clock;

    public WhenRenewalAbortedThenDiscardTheStagedKey(TenantKeystore keystore, KeyGenerationJournal journal,
                                                     EntryHistory history, Clock clock) {
        this.keystore = keystore;
        this.journal = journal;
        this.history = history;
        this.clock = clock;
    }

    /** The key pair the renewal generated, if it is still staged (playbook 3 makes it active at once: kept). */
    private Optional<Fingerprint> generatedAndStillStaged(RenewalAborted event, KeystoreAlias alias) {
        return journal.find(event.renewalId()).map(KeyGeneration::certificate)
                .filter(generated -> keystore.entryHolding(alias, generated)
                        .filter(entry -> entry.state() == EntryState.STAGED).isPresent());
    }

    public KeystoreReport handle(RenewalAborted event, CausingMessage cause) {
        try {
            KeystoreAlias alias = KeystoreAlias.of(event.alias());
            Optional<Fingerprint> staged = Optional.ofNullable(event.stagedCertificate()).map(CertificateRef::sha256)
                    .or(() -> generatedAndStillStaged(event, alias));
            Optional<PublicCertificate> discarded = staged.flatMap(key -> keystore.discardStaged(alias, key));
            log.info("Renewal {}: aborted, staged key pair of alias '{}' discarded: {}", event.renewalId(), alias,
                    discarded.map(PublicCertificate::fingerprint).map(Fingerprint::value).orElse("none"));
            discarded.ifPresent(certificate -> history.discarded(alias, certificate, event.renewalId(), cause));
            return new KeyPairDiscarded(cause.reportId(), event.renewalId(), cause.id(), alias.value(),
                    discarded.map(PublicCertificate::ref).orElse(null), clock.instant());
        } catch (KeystoreFailure failure) {
            log.warn("Renewal {}: discarding the staged key pair of alias '{}' refused: {}", event.renewalId(),
                    event.alias(), failure.getMessage());
            return cause.failed(event.renewalId(), OPERATION, failure, clock.instant());
        }
    }
}
