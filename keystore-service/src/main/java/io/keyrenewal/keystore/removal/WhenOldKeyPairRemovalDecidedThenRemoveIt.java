package io.keyrenewal.keystore.removal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.partner.PartnerCertificates;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.RetainedKeyRemoval;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * The retention period is over (playbook 3 step 7, playbooks 1 and 2 at the end), so the keystore removes the
 * archived old key pair. Removing a key pair that is gone already reports it removed again; the alias's current or
 * staged key pair is never removed, nor an archived one before its retention date by the keystore's own clock. In the
 * renewal of a partner's certificate, the old certificate is the partner certificate the import retained, removed as
 * the tenant administrator removes one ({@link PartnerCertificates#remove}) and reported as a key pair is.
 */
@Component
public class WhenOldKeyPairRemovalDecidedThenRemoveIt {

    public static final String OPERATION = "REMOVE";
    private static final Logger log = LoggerFactory.getLogger(WhenOldKeyPairRemovalDecidedThenRemoveIt.class);

    private final TenantKeystore keystore;
    private final PartnerCertificates partnerCertificates;
    private final EntryHistory history;
    private final Clock clock;

    public WhenOldKeyPairRemovalDecidedThenRemoveIt(TenantKeystore keystore, PartnerCertificates partnerCertificates,
                                                    EntryHistory history, Clock clock) {
        this.keystore = keystore;
        this.partnerCertificates = partnerCertificates;
        this.history = history;
        this.clock = clock;
    }

    public KeystoreReport handle(OldKeyPairRemovalDecided event, CausingMessage cause) {
        try {
            KeystoreAlias alias = KeystoreAlias.of(event.alias());
            CertificateRef old = event.oldCertificate();
            if (old == null) {
                log.info("Renewal {}: alias '{}' held no key pair before the renewal, nothing to remove",
                        event.renewalId(), alias);
            } else if (holdsPartnerCertificate(alias, old)) {
                Optional<KeystoreEntry> removed = partnerCertificates.remove(alias.value(), old.sha256(),
                        event.renewalId(), cause);
                log.info("Renewal {}: retained partner certificate {} of alias '{}': {}", event.renewalId(),
                        old.sha256(), alias, removed.isPresent() ? RetainedKeyRemoval.REMOVED
                                : RetainedKeyRemoval.ALREADY_ABSENT);
            } else {
                RetainedKeyRemoval outcome = keystore.removeRetained(alias, old, clock.instant());
                if (outcome == RetainedKeyRemoval.REMOVED) {
                    history.removed(alias, old.sha256().value(), old.serialNumber(), event.renewalId(), cause);
                }
                log.info("Renewal {}: retained key pair {} of alias '{}': {}", event.renewalId(), old.sha256(),
                        alias, outcome);
            }
            return new KeyPairRemoved(cause.reportId(), event.renewalId(), cause.id(), alias.value(), old,
                    clock.instant());
        } catch (KeystoreFailure failure) {
            log.warn("Renewal {}: removal of the old key pair of alias '{}' failed: {}", event.renewalId(),
                    event.alias(), failure.getMessage());
            return cause.failed(event.renewalId(), OPERATION, failure, clock.instant());
        }
    }

    private boolean holdsPartnerCertificate(KeystoreAlias alias, CertificateRef certificate) {
        return keystore.entryHolding(alias, certificate.sha256()).filter(KeystoreEntry::isPartnerCertificate)
                .isPresent();
    }
}
