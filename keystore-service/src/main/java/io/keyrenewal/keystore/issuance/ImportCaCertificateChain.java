package io.keyrenewal.keystore.issuance;

import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.KeystoreReports;
import io.keyrenewal.keystore.certificate.CertificateChain;
import io.keyrenewal.keystore.certificate.InvalidCertificateChain;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.journal.KeyGeneration;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import io.keyrenewal.keystore.journal.ProcessedMessageLog;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.Exchange;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * An operator imports the CA's answer to a key pair's certification request. The chain is checked
 * ({@link CertificateChain}), stored with the staged key pair (playbook 3: which then becomes the alias's active one)
 * and {@code KeyPairGenerated} is reported, answering the renewal's start, so the renewal goes on as with a
 * self-signed certificate. A chain that fails a check changes nothing; the same chain imported again changes nothing
 * and is reported again.
 */
@Component
public class ImportCaCertificateChain {

    static final String REPORT_STEP = "ca-certificate-imported";
    private static final Logger log = LoggerFactory.getLogger(ImportCaCertificateChain.class);

    private final TenantKeystore keystore;
    private final CaCertificateRequests requests;
    private final KeyGenerationJournal journal;
    private final EntryHistory history;
    private final ProcessedMessageLog processed;
    private final KeystoreReports reports;
    private final Clock clock;
    private final TransactionTemplate transaction;

    ImportCaCertificateChain(TenantKeystore keystore, CaCertificateRequests requests, KeyGenerationJournal journal,
                             EntryHistory history, ProcessedMessageLog processed, KeystoreReports reports,
                             Clock clock, PlatformTransactionManager transactions) {
        this.keystore = keystore;
        this.requests = requests;
        this.journal = journal;
        this.history = history;
        this.processed = processed;
        this.reports = reports;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The newest request of {@code alias} whose key pair still waits for the CA's certificate. */
    public Optional<CaCertificateRequest> awaited(String requestedAlias) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        return requests.ofAlias(alias).stream()
                .filter(request -> RequestCaCertificate.keyOf(keystore, request)
                        .filter(entry -> entry.certificate().fingerprint().equals(request.staged())).isPresent())
                .findFirst();
    }

    /**
     * @param pem the CA's certificates, PEM, in any order
     * @throws InvalidCertificateChain naming what is wrong with the chain
     * @throws NoCertificateAwaited    if no key pair of the alias waits for this certificate
     */
    public ChainImport importChain(String requestedAlias, String pem) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        List<X509Certificate> certificates = CertificateChain.parse(pem);
        CaCertificateRequest request = requestFor(alias, certificates);
        MDC.put("renewalId", request.renewalId().value());
        try {
            ChainImport done = transaction.execute(status -> importFor(alias, request, certificates));
            reports.publish(done.report());
            return done;
        } finally {
            MDC.remove("renewalId");
        }
    }

    private ChainImport importFor(KeystoreAlias alias, CaCertificateRequest request,
                                  List<X509Certificate> certificates) {
        KeystoreEntry key = RequestCaCertificate.keyOf(keystore, request).orElseThrow(() -> new NoCertificateAwaited(
                "the key pair of renewal " + request.renewalId() + " is no longer in the keystore (the renewal was"
                        + " aborted?): there is nothing to import the certificate into"));
        List<X509Certificate> chain = CertificateChain.ordered(certificates, key.certificate().certificate()
                .getPublicKey(), clock.instant());
        PublicCertificate leaf = new PublicCertificate(chain.get(0));
        boolean imported = !key.certificate().fingerprint().equals(leaf.fingerprint());
        if (imported && !key.certificate().fingerprint().equals(request.staged())) {
            throw new NoCertificateAwaited("the key pair of renewal " + request.renewalId() + " has the CA's"
                    + " certificate " + key.certificate().fingerprint() + " already; it takes no other");
        }
        CausingMessage cause = new CausingMessage(request.causationId());
        if (imported) {
            keystore.installChain(alias, request.staged(), chain);
            history.certified(alias, key.certificate(), leaf, request.renewalId(), cause);
        }
        if (request.activateOnIssue() && stillStaged(alias, leaf)) {
            Exchange activated = keystore.exchange(alias, leaf.fingerprint(), null);
            history.exchanged(alias, activated, request.renewalId(), cause);
        }
        journal.record(new KeyGeneration(request.renewalId(), alias.value(), leaf.fingerprint(), request.previous()));
        requests.issued(request.renewalId(), leaf.fingerprint());
        KeyPairGenerated report = new KeyPairGenerated(cause.reportId(REPORT_STEP), request.renewalId(), cause.id(),
                alias.value(), leaf.info(), request.previous(), clock.instant());
        processed.replace(cause.id(), report);
        log.info("Renewal {}: {} the CA's certificate {} (issuer '{}', chain of {}) for key pair {} of alias '{}'",
                request.renewalId(), imported ? "imported" : "already had", leaf.fingerprint(), leaf.issuer(),
                chain.size(), request.publicKey(), alias);
        KeystoreEntry entry = keystore.entryHolding(alias, leaf.fingerprint()).orElseThrow();
        return new ChainImport(imported, entry, chain.size(), report);
    }

    private boolean stillStaged(KeystoreAlias alias, PublicCertificate certificate) {
        return keystore.entryHolding(alias, certificate.fingerprint())
                .filter(entry -> entry.state() == EntryState.STAGED).isPresent();
    }

    private CaCertificateRequest requestFor(KeystoreAlias alias, List<X509Certificate> certificates) {
        List<CaCertificateRequest> ofAlias = requests.ofAlias(alias);
        if (ofAlias.isEmpty()) {
            throw new NoCertificateAwaited("no key pair of alias '" + alias + "' awaits a CA's certificate: start a"
                    + " renewal with certificateSource CA first");
        }
        return ofAlias.stream()
                .filter(request -> certificates.stream().anyMatch(certificate ->
                        new PublicCertificate(certificate).publicKeySha256().equals(request.publicKey())))
                .findFirst()
                .orElseThrow(() -> new InvalidCertificateChain("no certificate of the chain carries the public key"
                        + " of a key pair of alias '" + alias + "' (the newest awaits a certificate for public key"
                        + " sha256 " + ofAlias.get(0).publicKey() + ", subject '" + ofAlias.get(0).subject()
                        + "')"));
    }
}
