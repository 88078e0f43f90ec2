package io.keyrenewal.keystore.partner;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.keystore.PartnerCertificateImportApplied;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.certificate.PartnerCertificateCheck;
import io.keyrenewal.keystore.store.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The renewal of a partner's certificate received the partner's new certificate, so the keystore imports it under the
 * alias as its active partner certificate, after its own {@link PartnerCertificateCheck} for the certificate's use
 * (an EC certificate the tenant would encrypt to is refused, as the renewal refused it first); the one it replaces is
 * retained beside it (both verify, both can be encrypted to) for {@link PartnerCertificates#MINIMUM_RETENTION} by the
 * keystore's clock, as an activation over the API retains it, until the renewal decides its removal. The certificate
 * imported already (the event under another message id) is answered with the same import, not imported again; one
 * the alias retains from before is refused, as is an alias of key pairs.
 */
@Component
public class WhenPartnerCertificateReceivedThenImportIt {

    public static final String OPERATION = "IMPORT";
    private static final Logger log = LoggerFactory.getLogger(WhenPartnerCertificateReceivedThenImportIt.class);

    private final PartnerCertificates partnerCertificates;
    private final Clock clock;

    public WhenPartnerCertificateReceivedThenImportIt(PartnerCertificates partnerCertificates, Clock clock) {
        this.partnerCertificates = partnerCertificates;
        this.clock = clock;
    }

    public KeystoreReport handle(PartnerCertificateReceived event, CausingMessage cause) {
        try {
            PartnerCertificateImport imported = partnerCertificates.importCertificate(event.alias(),
                    event.certificate().pem(), event.use(), true, null, event.renewalId(), cause);
            Exchange switched = imported.switched() != null ? imported.switched()
                    : partnerCertificates.activate(event.alias(), imported.entry().certificate().fingerprint(), null,
                    event.renewalId(), cause);
            CertificateRef previous = switched.archived() == null ? null : switched.archived().ref();
            log.info("Renewal {}: partner {}'s certificate {} is the active one of alias '{}' ({}), previous {}"
                            + " retained until {}", event.renewalId(), event.partnerId(),
                    switched.activated().fingerprint(), imported.entry().alias(),
                    imported.imported() ? "imported" : "held already",
                    previous == null ? "none" : previous.sha256(), switched.archivedUntil());
            return new PartnerCertificateImportApplied(cause.reportId(), event.renewalId(), cause.id(),
                    imported.entry().alias(), switched.activated().ref(), previous, clock.instant());
        } catch (KeystoreFailure failure) {
            log.warn("Renewal {}: import of partner {}'s certificate under alias '{}' refused: {}", event.renewalId(),
                    event.partnerId(), event.alias(), failure.getMessage());
            return cause.failed(event.renewalId(), OPERATION, failure, clock.instant());
        }
    }
}
