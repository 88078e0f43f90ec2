package io.keyrenewal.keystore.issuance;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.keystore.CertificateSigningRequested;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.certificate.CertificationRequests;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.KeyGenerationFailed;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;

/**
 * A renewal asks for a CA-issued certificate: its new key pair is staged (with a self-signed certificate that stands
 * in until the CA's arrives, in every playbook) and a PKCS#10 request for it is reported, for an operator to take to
 * the CA. The request is recorded before the key is stored, so a redelivered start finds it instead of generating
 * another key pair.
 */
@Component
public class RequestCaCertificate {

    private static final Logger log = LoggerFactory.getLogger(RequestCaCertificate.class);

    private final TenantKeystore keystore;
    private final CaCertificateRequests requests;
    private final EntryHistory history;
    private final Clock clock;

    RequestCaCertificate(TenantKeystore keystore, CaCertificateRequests requests, EntryHistory history,
                         Clock clock) {
        this.keystore = keystore;
        this.requests = requests;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Stages {@code keyPair} under {@code alias} and reports its certification request.
     *
     * @param previous the alias's active key pair, null if none
     */
    public KeystoreReport request(RenewalStarted event, KeystoreAlias alias, IssuedKeyPair keyPair,
                                  CertificateRef previous, CausingMessage cause) {
        PublicCertificate standIn = keyPair.publicCertificate();
        CaCertificateRequest request = new CaCertificateRequest(event.renewalId(), alias.value(), cause.id(),
                standIn.fingerprint(), standIn.publicKeySha256(), standIn.subject(), certificationRequest(keyPair),
                event.newKeyPair() == KeyPairActivation.ACTIVE_AT_ONCE, previous, null);
        requests.record(request);
        keystore.stage(alias, keyPair);
        history.generated(alias, standIn, EntryState.STAGED, null, event.renewalId(), cause);
        log.info("Renewal {}: generated {} key pair with public key {} under alias '{}' (staged), its certificate"
                        + " is requested from the CA for subject '{}'", event.renewalId(), event.keyAlgorithm(),
                standIn.publicKeySha256(), alias, standIn.subject());
        return signingRequested(request, cause);
    }

    /**
     * What to report when the renewal's start arrives again under another message id: the request again while the
     * CA's certificate is awaited, the key pair with the CA's certificate once it was imported; empty if the renewal
     * asked no CA or its key pair is not in the keystore.
     */
    public Optional<KeystoreReport> reportAgain(RenewalStarted event, CausingMessage cause) {
        return requests.ofRenewal(event.renewalId()).flatMap(request -> keyOf(keystore, request).map(entry -> {
            log.info("Renewal {}: its key pair {} is stored already (entry '{}'), reporting it again",
                    event.renewalId(), request.publicKey(), entry.entryName());
            return entry.certificate().fingerprint().equals(request.staged()) ? signingRequested(request, cause)
                    : new KeyPairGenerated(cause.reportId(), event.renewalId(), cause.id(), request.alias(),
                    entry.certificate().info(), request.previous(), clock.instant());
        }));
    }

    /** The entry that holds the request's key pair, with its stand-in or with the CA's certificate. */
    static Optional<KeystoreEntry> keyOf(TenantKeystore keystore, CaCertificateRequest request) {
        return keystore.entriesOf(KeystoreAlias.of(request.alias())).stream()
                .filter(entry -> entry.certificate().publicKeySha256().equals(request.publicKey()))
                .findFirst();
    }

    private CertificateSigningRequested signingRequested(CaCertificateRequest request, CausingMessage cause) {
        return new CertificateSigningRequested(cause.reportId(), request.renewalId(), cause.id(), request.alias(),
                request.subject(), request.certificateSigningRequest(), request.publicKey(), clock.instant());
    }

    private static String certificationRequest(IssuedKeyPair keyPair) {
        try {
            return CertificationRequests.pem(keyPair.privateKey(), keyPair.publicCertificate());
        } catch (GeneralSecurityException e) {
            throw new KeyGenerationFailed("cannot build the certification request for key pair "
                    + keyPair.publicCertificate().publicKeySha256() + ": " + e.getMessage(), e);
        }
    }
}
