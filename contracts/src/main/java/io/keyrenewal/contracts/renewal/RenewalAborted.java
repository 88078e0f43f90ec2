package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The renewal is aborted before the exchange; the keystore discards the staged key pair ({@code stagedCertificate},
 * null if none was generated yet).
 */
public record RenewalAborted(RenewalId renewalId, String alias, PartnerId partnerId, String reason, String abortedBy,
                             CertificateRef stagedCertificate, Instant at) implements RenewalEvent {

    public RenewalAborted {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.text(reason, "reason");
        Require.text(abortedBy, "abortedBy");
        Require.present(at, "at");
    }
}
