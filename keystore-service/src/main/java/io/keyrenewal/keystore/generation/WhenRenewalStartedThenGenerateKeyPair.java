package io.keyrenewal.keystore.generation;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.certificate.CertificateTerms;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.issuance.RequestCaCertificate;
import io.keyrenewal.keystore.journal.KeyGeneration;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Playbook step 1-2: a renewal started, so the keystore generates the alias's new key pair, with the subject and
 * validity the renewal asks for (or the configured defaults), and does with it what the renewal's instruction
 * ({@code RenewalStarted.newKeyPair}, from its playbook) says: {@code ACTIVE_AT_ONCE} (decryption keys) makes it the
 * alias's key at once and archives the old one beside it, so both decrypt; {@code STAGED_UNTIL_EXCHANGE} (signing
 * keys) stages it, and the old key stays active until the exchange is decided. The keystore does not know playbooks.
 * A renewal that asks for a CA-issued certificate gets its key pair staged and its certification request reported
 * instead ({@link RequestCaCertificate}). A renewal gets one new key pair, however
 * often its start is delivered. {@code NONE} (a renewal of a partner's certificate, which the partner sends later)
 * asks for no key pair: nothing is generated and nothing reported.
 */
@Component
public class WhenRenewalStartedThenGenerateKeyPair {

    public static final String OPERATION = "GENERATE";
    private static final Logger log = LoggerFactory.getLogger(WhenRenewalStartedThenGenerateKeyPair.class);

    private final SelfSignedKeyPairIssuer issuer;
    private final RequestCaCertificate caCertificate;
    private final TenantKeystore keystore;
    private final KeyGenerationJournal journal;
    private final EntryHistory history;
    private final Clock clock;

    public WhenRenewalStartedThenGenerateKeyPair(SelfSignedKeyPairIssuer issuer, RequestCaCertificate caCertificate,
                                                 TenantKeystore keystore, KeyGenerationJournal journal,
                                                 EntryHistory history, Clock clock) {
        this.issuer = issuer;
        this.caCertificate = caCertificate;
        this.keystore = keystore;
        this.journal = journal;
        this.history = history;
        this.clock = clock;
    }

    /** The report of the key pair, empty if the renewal asks for none ({@code NONE}). */
    public Optional<KeystoreReport> handle(RenewalStarted event, CausingMessage cause) {
        if (event.newKeyPair() == KeyPairActivation.NONE) {
            log.info("Renewal {}: renews the partner's certificate under alias '{}': no key pair to generate, the"
                    + " partner's certificate is awaited", event.renewalId(), event.alias());
            return Optional.empty();
        }
        return Optional.of(generateOnce(event, cause));
    }

    private KeystoreReport generateOnce(RenewalStarted event, CausingMessage cause) {
        try {
            KeystoreAlias alias = KeystoreAlias.of(event.alias());
            return caCertificate.reportAgain(event, cause)
                    .or(() -> alreadyGenerated(event, cause))
                    .orElseGet(() -> generate(event, alias, cause));
        } catch (KeystoreFailure failure) {
            log.warn("Renewal {}: key generation for alias '{}' failed: {}", event.renewalId(), event.alias(),
                    failure.getMessage());
            return cause.failed(event.renewalId(), OPERATION, failure, clock.instant());
        }
    }

    private Optional<KeystoreReport> alreadyGenerated(RenewalStarted event, CausingMessage cause) {
        return journal.find(event.renewalId()).flatMap(generation -> keystore.entryHolding(
                        KeystoreAlias.of(generation.alias()), generation.certificate())
                .map(entry -> {
                    log.info("Renewal {}: key pair {} is stored already (entry '{}'), reporting it again",
                            event.renewalId(), generation.certificate(), entry.entryName());
                    return generated(event, cause, generation.alias(), entry.certificate(), generation.previous());
                }));
    }

    private KeystoreReport generate(RenewalStarted event, KeystoreAlias alias, CausingMessage cause) {
        IssuedKeyPair keyPair = issuer.issue(alias.value(), event.keyAlgorithm(),
                new CertificateTerms(event.subjectDn(), event.validityDays()));
        PublicCertificate certificate = keyPair.publicCertificate();
        CertificateRef current = keystore.current(alias).map(KeystoreEntry::certificate)
                .map(PublicCertificate::ref).orElse(null);
        journal.record(new KeyGeneration(event.renewalId(), alias.value(), certificate.fingerprint(), current));
        if (event.certificateSource() == CertificateSource.CA) {
            return caCertificate.request(event, alias, keyPair, current, cause);
        }
        boolean staged = event.newKeyPair() == KeyPairActivation.STAGED_UNTIL_EXCHANGE;
        Optional<PublicCertificate> before = staged ? keystore.stage(alias, keyPair) : keystore.install(alias, keyPair);
        history.generated(alias, certificate, staged ? EntryState.STAGED : EntryState.ACTIVE,
                staged ? null : before.orElse(null), event.renewalId(), cause);
        CertificateRef previous = before.map(PublicCertificate::ref).orElse(null);
        log.info("Renewal {}: generated {} key pair {} under alias '{}' ({}), subject '{}' until {}, previous {}",
                event.renewalId(), event.keyAlgorithm(), certificate.fingerprint(), alias,
                staged ? "staged" : "active at once", certificate.subject(),
                certificate.certificate().getNotAfter().toInstant(), previous == null ? "none" : previous.sha256());
        return generated(event, cause, alias.value(), certificate, previous);
    }

    private KeyPairGenerated generated(RenewalStarted event, CausingMessage cause, String alias,
                                       PublicCertificate certificate, CertificateRef previous) {
        return new KeyPairGenerated(cause.reportId(), event.renewalId(), cause.id(), alias, certificate.info(),
                previous, clock.instant());
    }
}
