package io.keyrenewal.keystore.partner;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.certificate.InvalidPartnerCertificate;
import io.keyrenewal.keystore.certificate.PartnerCertificateCheck;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.Exchange;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.OperationRefused;
import io.keyrenewal.keystore.store.PartnerCertificateAddition;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A partner's certificates in the tenant keystore, the renewals where the tenant verifies the partner's signatures or
 * encrypts to it: imported after {@link PartnerCertificateCheck}, staged beside the active one (both verify during the
 * renewal), switched to, the old one retained for at least {@link #MINIMUM_RETENTION} or the guaranteed delivery time
 * if longer, then removed, never earlier. Each change is written with its history in one transaction, nested in the
 * caller's if there is one (the renewal flow records its report in it): a refusal undoes the change alone and leaves
 * the caller's transaction to report it. Called by the tenant administrator's API and by the renewal flow (which
 * checked first that the partner signed its confirmation with its registered key); never a private key.
 */
@Component
public class PartnerCertificates {

    /** Old certificates are kept at least this long after they were replaced, as old key pairs are. */
    public static final Duration MINIMUM_RETENTION = Duration.ofDays(90);
    private static final Logger log = LoggerFactory.getLogger(PartnerCertificates.class);

    private final TenantKeystore keystore;
    private final PartnerCertificateCheck check;
    private final EntryHistory history;
    private final Clock clock;
    private final TransactionTemplate transaction;

    PartnerCertificates(TenantKeystore keystore, PartnerCertificateCheck check, EntryHistory history, Clock clock,
                        PlatformTransactionManager transactions) {
        this.keystore = keystore;
        this.check = check;
        this.history = history;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Checks the partner's certificate and adds it to {@code alias}, staged; with {@code activate} it becomes the
     * active one at once (the one before is retained as by {@link #activate}). The same certificate again changes
     * nothing and answers with its entry (activating it if it is still staged and {@code activate} asks for it).
     *
     * @param use                    what the tenant does with it, as the renewal says; null when the tenant
     *                               administrator imports it (the checks that depend on the use are left out)
     * @param guaranteedDeliveryTime how long a message may be under way; the replaced certificate is retained for
     *                               this long if it exceeds {@link #MINIMUM_RETENTION}; null: no longer than that
     * @param renewalId              the renewal it belongs to, null when the tenant administrator imports it
     * @param cause                  the message that asked for it, null when the tenant administrator imports it
     * @throws InvalidPartnerCertificate if the certificate fails a check (nothing is stored)
     * @throws OperationRefused          if the alias holds key pairs, or another certificate with this serial
     */
    public PartnerCertificateImport importCertificate(String requestedAlias, String pem, PartnerCertificateUse use,
                                                      boolean activate, Duration guaranteedDeliveryTime,
                                                      RenewalId renewalId, CausingMessage cause) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        Instant until = retainUntil(guaranteedDeliveryTime);
        X509Certificate certificate = check.check(pem, clock.instant(), use);
        return transaction.execute(status -> {
            PartnerCertificateAddition addition = keystore.addPartnerCertificate(alias, certificate);
            KeystoreEntry entry = addition.entry();
            if (addition.added()) {
                history.partnerCertificateAdded(alias, entry.certificate(), renewalId, cause);
            }
            Exchange switched = null;
            if (activate && entry.state() == EntryState.STAGED) {
                switched = switchTo(alias, entry.certificate().fingerprint(), until, renewalId, cause);
                entry = keystore.entryHolding(alias, entry.certificate().fingerprint()).orElseThrow();
            }
            log.info("Alias '{}': partner certificate {} (subject '{}', issuer '{}', serial {}, valid until {}) {},"
                            + " {}", alias, entry.certificate().fingerprint(), entry.certificate().subject(),
                    entry.certificate().issuer(), entry.certificate().serialHex(),
                    entry.certificate().certificate().getNotAfter().toInstant(),
                    addition.added() ? "imported" : "held already", entry.state());
            return new PartnerCertificateImport(entry, addition.added(), switched);
        });
    }

    /**
     * Makes the staged partner certificate {@code staged} the alias's active one; the one active before is archived
     * until max({@link #MINIMUM_RETENTION}, {@code guaranteedDeliveryTime}) from now by the keystore's clock. If
     * {@code staged} is active already, answers with that switch again and changes nothing.
     *
     * @throws OperationRefused if the alias holds no such staged partner certificate
     */
    public Exchange activate(String requestedAlias, Fingerprint staged, Duration guaranteedDeliveryTime,
                             RenewalId renewalId, CausingMessage cause) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        Instant until = retainUntil(guaranteedDeliveryTime);
        return transaction.execute(status -> switchTo(alias, staged, until, renewalId, cause));
    }

    /**
     * Removes the partner certificate {@code certificate}: an archived one once its retention date has passed by the
     * keystore's clock, a staged one (never switched to) at once.
     *
     * @return the removed entry, empty if the alias holds no such certificate (any more)
     * @throws OperationRefused if it is the active one or its retention date has not passed
     */
    public Optional<KeystoreEntry> remove(String requestedAlias, Fingerprint certificate, RenewalId renewalId,
                                          CausingMessage cause) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        return transaction.execute(status -> {
            Optional<KeystoreEntry> removed = keystore.removePartnerCertificate(alias, certificate, clock.instant());
            removed.ifPresent(entry -> {
                history.partnerCertificateRemoved(alias, entry, renewalId, cause);
                log.info("Alias '{}': {} partner certificate {} removed", alias, entry.state(), certificate);
            });
            return removed;
        });
    }

    private Exchange switchTo(KeystoreAlias alias, Fingerprint staged, Instant until, RenewalId renewalId,
                              CausingMessage cause) {
        Exchange exchange = keystore.switchPartnerCertificate(alias, staged, until);
        history.partnerCertificateSwitched(alias, exchange, renewalId, cause);
        log.info("Alias '{}': partner certificate {} is the active one, {} archived until {}", alias, staged,
                exchange.archived() == null ? "none" : exchange.archived().fingerprint(), exchange.archivedUntil());
        return exchange;
    }

    private Instant retainUntil(Duration guaranteedDeliveryTime) {
        if (guaranteedDeliveryTime != null && guaranteedDeliveryTime.isNegative()) {
            throw new IllegalArgumentException("guaranteedDeliveryTime must not be negative, not "
                    + guaranteedDeliveryTime);
        }
        Duration retention = guaranteedDeliveryTime == null || guaranteedDeliveryTime.compareTo(MINIMUM_RETENTION) < 0
                ? MINIMUM_RETENTION : guaranteedDeliveryTime;
        return clock.instant().plus(retention);
    }
}
