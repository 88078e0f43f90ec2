package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The retention period has elapsed: the old key pair under {@code alias} is to be removed. The keystore carries it
 * out.
 *
 * @param oldCertificate the retained certificate to remove; null if the alias held none before the renewal
 */
public record OldKeyPairRemovalDecided(RenewalId renewalId, String alias, CertificateRef oldCertificate, Instant at)
        implements RenewalEvent {

    public OldKeyPairRemovalDecided {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(at, "at");
    }
}
