package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Playbooks 1 and 2, step 5/8 done: the keystore applied the exchange; the old key pair is kept until {@code
 * retainOldKeyUntil} = exchange + max(90 days, guaranteed delivery time). {@code oldCertificate} is null if the
 * alias held none.
 */
public record KeyPairExchanged(RenewalId renewalId, String alias, CertificateRef newCertificate,
                               CertificateRef oldCertificate, Instant retainOldKeyUntil, Instant at)
        implements RenewalEvent {

    public KeyPairExchanged {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(newCertificate, "newCertificate");
        Require.present(retainOldKeyUntil, "retainOldKeyUntil");
        Require.present(at, "at");
    }
}
